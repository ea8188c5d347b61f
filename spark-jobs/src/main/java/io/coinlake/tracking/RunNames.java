package io.coinlake.tracking;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Random run names in MLflow's {@code <adjective>-<noun>-<0..999>} form, for runs started without a name. */
final class RunNames {
  private static final List<String> ADJECTIVES =
      List.of("amber", "bold", "brave", "calm", "clever", "crisp", "eager", "gentle", "quick", "quiet",
          "rare", "sharp", "silent", "smooth", "steady", "sunny", "swift", "tidy", "vivid", "wise");
  private static final List<String> NOUNS =
      List.of("bass", "crane", "deer", "finch", "fox", "gull", "hare", "heron", "lark", "lynx",
          "mole", "owl", "panda", "quail", "robin", "seal", "snail", "stork", "swan", "wren");

  private RunNames() {}

  static String random() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return ADJECTIVES.get(r.nextInt(ADJECTIVES.size()))
        + "-"
        + NOUNS.get(r.nextInt(NOUNS.size()))
        + "-"
        + r.nextInt(1000);
  }
}
