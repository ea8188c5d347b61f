package io.coinlake.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Where a report's files go: {@code <reportsDir>/<date>/<task>.html} and {@code .json}, and
 * {@code <reportsDir>/index.html}, rebuilt from every {@code <date>/<task>.json} in the folder.
 * The folder is a local path or any Hadoop URI; local files are written without Hadoop's
 * {@code .crc} side files, since people browse this folder. Paths are reported as absolute local
 * paths for {@code file:} and as URIs otherwise.
 */
final class ReportFiles {
  static final String INDEX = "index.html";

  private final FileSystem fs;
  private final Path root;

  private ReportFiles(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  static ReportFiles at(SparkSession spark, String reportsDir) {
    try {
      Path dir = new Path(reportsDir);
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path root = fs.makeQualified(dir);
      return new ReportFiles(fs instanceof LocalFileSystem local ? local.getRaw() : fs, root);
    } catch (IOException e) {
      throw new MonitoringException("cannot open the reports folder " + reportsDir + " (" + e.getMessage()
          + "); check monitoring.reportsDir");
    }
  }

  /** The written files: the page, the JSON and the index. */
  record Written(String html, String json, String index) {}

  Written write(MonitoringReport report, String html, String json) {
    Path folder = new Path(root, report.subject().reportDate().toString());
    Path jsonFile = new Path(folder, report.subject().task() + ".json");
    Path htmlFile = new Path(folder, report.subject().task() + ".html");
    write(jsonFile, json);
    write(htmlFile, html);
    Path index = new Path(root, INDEX);
    write(index, ReportIndex.render(entries()));
    return new Written(display(htmlFile), display(jsonFile), display(index));
  }

  /** Every report JSON one folder level down, as the index lists it. */
  List<ReportIndex.Entry> entries() {
    List<ReportIndex.Entry> entries = new ArrayList<>();
    try {
      FileStatus[] files = fs.globStatus(new Path(root, "*/*.json"));
      for (FileStatus file : files == null ? new FileStatus[0] : files) {
        if (file.isFile()) {
          Path p = file.getPath();
          entries.add(ReportIndex.entry(p.getParent().getName() + "/" + p.getName(), read(p)));
        }
      }
    } catch (IOException e) {
      throw new MonitoringException("cannot list the reports in " + display(root) + ": " + e.getMessage());
    }
    return entries;
  }

  private void write(Path file, String text) {
    try (OutputStream out = fs.create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new MonitoringException("cannot write " + display(file) + ": " + e.getMessage() + "; check monitoring.reportsDir");
    }
  }

  private String read(Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** {@code file:/abs/x} as {@code /abs/x}; other URIs as they are. */
  static String display(Path path) {
    URI uri = path.toUri();
    return "file".equals(uri.getScheme()) ? uri.getPath() : path.toString();
  }
}
