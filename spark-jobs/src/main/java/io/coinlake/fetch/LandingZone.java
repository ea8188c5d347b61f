package io.coinlake.fetch;

import io.coinlake.ingest.LandingFileName;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes API responses byte for byte under {@code <root>/<api>/<endpoint>/<file name>} through
 * Hadoop's FileSystem, so a local path and s3a:// behave the same. A landed file is the raw
 * record of what an API said at a moment, so it is never overwritten: when the name is taken,
 * the next copy number is used ({@code ....json}, {@code ....2.json}, ...). The file system is
 * our own instance (not Hadoop's shared cache), so turning off local .crc side files here does
 * not change how anything else in the JVM writes.
 */
public final class LandingZone implements AutoCloseable {
  private static final int MAX_COPIES = 1000;

  private final Path root;
  private final FileSystem fs;

  public LandingZone(String root, Configuration hadoop) {
    this.root = new Path(root);
    try {
      this.fs = FileSystem.newInstance(this.root.toUri(), hadoop);
    } catch (IOException e) {
      throw new FetchException("cannot open the landing zone " + root + ": " + e.getMessage()
          + "; check landing.root (a local path or s3a://bucket/prefix) and its credentials", e);
    }
    fs.setWriteChecksum(false);
  }

  /** Writes the body and returns the path it landed at; never replaces an existing file. */
  public String write(Api api, String endpoint, LandingFileName name, byte[] body) {
    Path dir = new Path(new Path(root, api.id()), endpoint);
    for (int copy = 1; copy <= MAX_COPIES; copy++) {
      Path file = new Path(dir, name.withCopy(copy).fileName());
      try {
        if (fs.exists(file)) {
          continue;
        }
      } catch (IOException e) {
        throw cannotWrite(file, e);
      }
      if (tryCreate(file, body)) {
        return file.toString();
      }
    }
    throw new FetchException("cannot land " + api.id() + " " + endpoint + ": " + MAX_COPIES + " files named like "
        + new Path(dir, name.fileName()) + " already exist; check the clock or clean the landing zone", false);
  }

  /** False when another writer took the name first; true when the whole body was written. */
  private boolean tryCreate(Path file, byte[] body) {
    OutputStream out;
    try {
      out = fs.create(file, false);
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw cannotWrite(file, e);
    }
    try (OutputStream o = out) {
      o.write(body);
    } catch (IOException e) {
      deleteQuietly(file);
      throw cannotWrite(file, e);
    }
    return true;
  }

  private void deleteQuietly(Path file) {
    try {
      fs.delete(file, false);
    } catch (IOException ignored) {
      // the write error below is the one worth reporting; a partial file is named in it
    }
  }

  private static FetchException cannotWrite(Path file, IOException e) {
    return new FetchException("cannot write the landing file " + file + ": " + e.getMessage()
        + "; check landing.root, free space and permissions", e);
  }

  @Override
  public void close() {
    try {
      fs.close();
    } catch (IOException ignored) {
      // nothing is buffered: every file was closed after its write
    }
  }
}
