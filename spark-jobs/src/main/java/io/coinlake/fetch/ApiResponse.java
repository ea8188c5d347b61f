package io.coinlake.fetch;

import java.time.Instant;

/**
 * A response that passed every check (2xx, JSON content type, parseable, expected shape): the
 * body exactly as received, how many records it holds, how many attempts it took, and when it
 * arrived (the snapshot time written into the landing file name).
 */
public record ApiResponse(int status, byte[] body, int records, int attempts, Instant receivedAt) {}
