package io.coinlake.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder logic of {@link TrackingBackend#logArtifacts}, {@link TrackingBackend#downloadArtifacts}
 * and {@link TrackingBackend#deleteArtifacts} over any {@link ArtifactRepository}: a local folder is
 * uploaded file by file below the artifact path (as MLflow's {@code log_artifacts} walks it), and a
 * remote folder is downloaded by listing it recursively (as {@code download_artifacts} does).
 */
final class RunArtifacts {
  private RunArtifacts() {}

  /** Uploads a file or a folder's files; returns the URI of what was written. */
  static String upload(ArtifactRepository repo, String runId, Path local, String artifactPath) {
    String rel = MlflowNames.artifactPath(artifactPath);
    if (Files.isDirectory(local)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(local)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      } catch (IOException e) {
        throw new TrackingException("cannot read the folder " + local + " to log it for run " + runId + ": " + e.getMessage(), e);
      }
      for (Path file : files) {
        String inside = StoreFiles.posix(local.relativize(file));
        repo.putFile(file, rel.isEmpty() ? inside : rel + "/" + inside);
      }
      return repo.uriOf(rel);
    }
    if (!Files.isRegularFile(local)) {
      throw new TrackingException("Cannot log artifact for run " + runId + ": '" + local + "' does not exist.");
    }
    String target = rel.isEmpty() ? local.getFileName().toString() : rel;
    repo.putFile(local, target);
    return repo.uriOf(target);
  }

  /** A folder's contents go into {@code localDir}; a file keeps its name there. */
  static void download(ArtifactRepository repo, String runId, String artifactPath, Path localDir) {
    String rel = MlflowNames.artifactPath(artifactPath);
    List<ArtifactRepository.Entry> children = repo.list(rel);
    if (!children.isEmpty()) {
      downloadFolder(repo, rel, children, localDir);
      return;
    }
    if (rel.isEmpty()) {
      throw new TrackingException("Run " + runId + " has no artifacts to download.");
    }
    // look the file up in its folder first: MLflow's artifact proxy answers a missing file with a 500, not a 404
    int slash = rel.lastIndexOf('/');
    String name = rel.substring(slash + 1);
    boolean listed = repo.list(slash < 0 ? "" : rel.substring(0, slash)).stream().anyMatch(e -> !e.dir() && e.name().equals(name));
    if (!listed) {
      throw new TrackingException("Run " + runId + " has no artifact '" + rel + "' (looked in " + repo.uriOf(rel) + ").");
    }
    repo.getFile(rel, localDir.resolve(name));
  }

  private static void downloadFolder(ArtifactRepository repo, String rel, List<ArtifactRepository.Entry> children, Path localDir) {
    StoreFiles.mkdirs(localDir);
    for (ArtifactRepository.Entry child : children) {
      String childRel = MlflowNames.artifactPath(rel.isEmpty() ? child.name() : rel + "/" + child.name());
      Path target = localDir.resolve(child.name()).normalize();
      if (!target.startsWith(localDir.normalize())) {
        throw new TrackingException("artifact '" + childRel + "' would be written outside " + localDir + "; refusing it");
      }
      if (child.dir()) {
        downloadFolder(repo, childRel, repo.list(childRel), target);
      } else {
        repo.getFile(childRel, target);
      }
    }
  }

  static void delete(ArtifactRepository repo, String runId, String artifactPath) {
    String rel = MlflowNames.artifactPath(artifactPath);
    if (rel.isEmpty()) {
      throw new TrackingException("Refusing to delete the whole artifact root of run " + runId + "; name a path inside it.");
    }
    repo.delete(rel);
  }
}
