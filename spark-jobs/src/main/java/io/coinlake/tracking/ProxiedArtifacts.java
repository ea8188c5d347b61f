package io.coinlake.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Artifacts behind a tracking server's artifact proxy ({@code mlflow server --serve-artifacts}),
 * for an artifact root such as {@code mlflow-artifacts:/1/<run id>/artifacts}: upload with
 * {@code PUT}, download with {@code GET}, delete with {@code DELETE} of
 * {@code <tracking URI path>/api/2.0/mlflow-artifacts/artifacts/<root path>/<rel>}, and list with
 * {@code GET .../mlflow-artifacts/artifacts?path=<root path>/<rel>}. The URL is derived from the
 * artifact URI as MLflow's {@code MlflowArtifactsRepository.resolve_uri} does: the tracking URI's
 * scheme, the artifact URI's host when it names one (else the tracking URI's), and its path below
 * the proxy's base path.
 */
final class ProxiedArtifacts implements ArtifactRepository {
  static final String SCHEME = "mlflow-artifacts";

  private final MlflowHttpClient http;
  private final String rootUri;
  /** {@code scheme://host[:port][/prefix]/api/2.0/mlflow-artifacts/artifacts}. */
  private final String filesBase;
  /** The root's path below the proxy, without leading or trailing '/': {@code 1/<run id>/artifacts}. */
  private final String rootPath;

  ProxiedArtifacts(MlflowHttpClient http, String rootUri) {
    this.http = http;
    this.rootUri = rootUri.replaceAll("/+$", "");
    URI tracking = URI.create(http.baseUri());
    URI artifact = URI.create(rootUri);
    if (artifact.getHost() != null && artifact.getHost().matches("[0-9.]+") && artifact.getPort() < 0) {
      throw new TrackingException("The mlflow-artifacts uri " + rootUri + " was supplied with a port number: " + artifact.getHost()
          + ", but no host was defined.");
    }
    String authority = artifact.getRawAuthority() != null ? artifact.getRawAuthority() : tracking.getRawAuthority();
    String trackingPath = tracking.getRawPath() == null ? "" : tracking.getRawPath();
    this.filesBase = (tracking.getScheme() + "://" + authority + (trackingPath + MlflowApiPaths.ARTIFACTS).replaceAll("//+", "/"))
        .replaceAll("/+$", "");
    String path = artifact.getPath() == null ? "" : artifact.getPath().replaceAll("//+", "/");
    // MLflow treats a path equal to the proxy's base path as the proxy root itself
    this.rootPath = path.equals(MlflowApiPaths.ARTIFACTS) ? "" : path.replaceAll("^/+|/+$", "");
  }

  @Override
  public void putFile(Path local, String relFile) {
    String name = local.getFileName().toString();
    String type = URLConnection.guessContentTypeFromName(name);
    http.putFile(fileUrl(relFile), local, type == null ? "application/octet-stream" : type).orThrow();
  }

  @Override
  public List<Entry> list(String relDir) {
    String path = join(rootPath, relDir);
    JsonNode json = http.get(URI.create(filesBase + "?path=" + encode(path))).orThrow();
    List<Entry> out = new ArrayList<>();
    for (JsonNode file : json.path("files")) {
      String name = file.path("path").asText();
      // the server answers with base names; keep only the last segment in case a server sends more
      out.add(new Entry(name.substring(name.lastIndexOf('/') + 1), file.path("is_dir").asBoolean(false)));
    }
    return out;
  }

  @Override
  public void getFile(String relFile, Path target) {
    MlflowReply reply = http.download(fileUrl(relFile), target);
    if (!reply.ok()) {
      if (reply.status() == 404 || reply.is(MlflowReply.RESOURCE_DOES_NOT_EXIST)) {
        throw new TrackingException("artifact '" + relFile + "' not found under " + rootUri + " (" + reply.what() + " answered HTTP "
            + reply.status() + ")");
      }
      throw reply.failure();
    }
  }

  @Override
  public void delete(String rel) {
    http.delete(fileUrl(rel)).orThrow();
  }

  @Override
  public String uriOf(String rel) {
    return FileUris.append(rootUri, rel);
  }

  /** The URL of a file or folder below the root, each path segment percent-encoded. */
  URI fileUrl(String rel) {
    StringBuilder url = new StringBuilder(filesBase);
    for (String segment : join(rootPath, rel).split("/")) {
      if (!segment.isEmpty()) {
        url.append('/').append(encode(segment));
      }
    }
    return URI.create(url.toString());
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "/" + b;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
  }
}
