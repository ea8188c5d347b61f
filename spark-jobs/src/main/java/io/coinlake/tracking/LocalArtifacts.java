package io.coinlake.tracking;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's artifacts in a local folder ({@code file:} root), as MLflow's client writes them when a
 * tracking server without artifact proxying hands out local paths: the files go straight to this
 * machine's disk, which works when client and server share it.
 */
final class LocalArtifacts implements ArtifactRepository {
  private final String rootUri;
  private final Path root;

  LocalArtifacts(String rootUri) {
    this.rootUri = rootUri.replaceAll("/+$", "");
    this.root = FileUris.toPath(rootUri);
  }

  @Override
  public void putFile(Path local, String relFile) {
    StoreFiles.copy(local, root.resolve(relFile));
  }

  @Override
  public List<Entry> list(String relDir) {
    Path dir = relDir.isEmpty() ? root : root.resolve(relDir);
    List<Entry> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (var children = Files.list(dir)) {
      children.sorted().forEach(child -> out.add(new Entry(child.getFileName().toString(), Files.isDirectory(child))));
    } catch (java.io.IOException e) {
      throw new TrackingException("cannot list artifacts in " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public void getFile(String relFile, Path target) {
    Path source = root.resolve(relFile);
    if (!Files.isRegularFile(source)) {
      throw new TrackingException("artifact '" + relFile + "' not found under " + rootUri + " (looked in " + source + ")");
    }
    StoreFiles.copy(source, target);
  }

  @Override
  public void delete(String rel) {
    StoreFiles.deleteRecursively(root.resolve(rel));
  }

  @Override
  public String uriOf(String rel) {
    return FileUris.append(rootUri, rel);
  }
}
