package io.coinlake.tracking;

import java.nio.file.Path;
import java.util.List;

/**
 * Where one run's artifacts live, seen as files below its artifact root; paths are relative to that
 * root, '/'-separated and already checked by {@link MlflowNames#artifactPath}. The walking of
 * folders (upload a tree, download a tree) is {@link RunArtifacts}'s, so an implementation only
 * moves single files.
 */
interface ArtifactRepository {
  /** One child of a listed folder. */
  record Entry(String name, boolean dir) {}

  /** Writes a local file at {@code relFile}, replacing what is there. */
  void putFile(Path local, String relFile);

  /** The children of the folder {@code relDir} ("" is the root); empty when it is absent or a file. */
  List<Entry> list(String relDir);

  /** Copies the file {@code relFile} to {@code target}; a {@link TrackingException} when it is absent. */
  void getFile(String relFile, Path target);

  /** Deletes a file or a whole folder; nothing happens when it is absent. */
  void delete(String rel);

  /** The URI of {@code rel} below the root, as MLflow writes it ({@code <root>/<rel>}). */
  String uriOf(String rel);
}
