package io.coinlake.tracking;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * A run's artifacts in object storage, written directly by this process through Hadoop's file
 * systems, as MLflow's client writes to an {@code s3://} artifact root (a server started with
 * {@code --default-artifact-root s3://...} and no proxying). {@code s3://bucket/key} is read as
 * {@code s3a://bucket/key}, so the S3A client with the config's {@code s3} settings (endpoint,
 * path style, region; credentials from S3A's provider chain) does the work.
 */
final class HadoopArtifacts implements ArtifactRepository {
  private final String rootUri;
  private final org.apache.hadoop.fs.Path root;
  private final Configuration conf;

  HadoopArtifacts(String rootUri, Configuration conf) {
    this.rootUri = rootUri.replaceAll("/+$", "");
    this.root = new org.apache.hadoop.fs.Path(toHadoop(this.rootUri));
    this.conf = conf;
  }

  /** {@code s3://bucket/key} -> {@code s3a://bucket/key}; other URIs unchanged. */
  static String toHadoop(String uri) {
    return uri.startsWith("s3://") ? "s3a://" + uri.substring("s3://".length()) : uri;
  }

  @Override
  public void putFile(java.nio.file.Path local, String relFile) {
    org.apache.hadoop.fs.Path target = child(relFile);
    try {
      fs().copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), target);
    } catch (IOException e) {
      throw fail("upload " + local + " to", target, e);
    }
  }

  @Override
  public List<Entry> list(String relDir) {
    org.apache.hadoop.fs.Path dir = relDir.isEmpty() ? root : child(relDir);
    try {
      FileStatus[] children = fs().listStatus(dir);
      List<Entry> out = new ArrayList<>();
      Arrays.stream(children).sorted(Comparator.comparing(s -> s.getPath().getName())).forEach(status -> {
        if (!status.getPath().equals(dir)) { // listing a file returns the file itself
          out.add(new Entry(status.getPath().getName(), status.isDirectory()));
        }
      });
      return out;
    } catch (FileNotFoundException e) {
      return List.of();
    } catch (IOException e) {
      throw fail("list", dir, e);
    }
  }

  @Override
  public void getFile(String relFile, java.nio.file.Path target) {
    org.apache.hadoop.fs.Path source = child(relFile);
    try {
      if (!fs().getFileStatus(source).isFile()) {
        throw new TrackingException("artifact '" + relFile + "' under " + rootUri + " is a folder, not a file");
      }
      StoreFiles.mkdirs(target.toAbsolutePath().getParent());
      // the raw local file system writes no .crc files next to the download
      fs().copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(target.toUri()), true);
    } catch (FileNotFoundException e) {
      throw new TrackingException("artifact '" + relFile + "' not found under " + rootUri + " (" + source + ")");
    } catch (IOException e) {
      throw fail("download", source, e);
    }
  }

  @Override
  public void delete(String rel) {
    org.apache.hadoop.fs.Path target = child(rel);
    try {
      fs().delete(target, true);
    } catch (IOException e) {
      throw fail("delete", target, e);
    }
  }

  @Override
  public String uriOf(String rel) {
    return FileUris.append(rootUri, rel);
  }

  private org.apache.hadoop.fs.Path child(String rel) {
    return new org.apache.hadoop.fs.Path(root, rel);
  }

  private FileSystem fs() throws IOException {
    return FileSystem.get(URI.create(root.toString()), conf);
  }

  private static TrackingException fail(String action, org.apache.hadoop.fs.Path path, IOException e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    return new TrackingException("cannot " + action + " " + path + ": " + why
        + "; check the s3 settings (endpoint, region) and AWS credentials in the environment", e);
  }
}
