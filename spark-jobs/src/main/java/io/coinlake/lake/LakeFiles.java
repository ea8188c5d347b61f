package io.coinlake.lake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Plain files through Hadoop's FileSystem, so local paths and s3a:// behave the same. */
public final class LakeFiles {
  private LakeFiles() {}

  public static void writeText(SparkSession spark, String path, String text) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(p, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new LakeException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** The size of one file in bytes. */
  public static long size(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).getFileStatus(p).getLen();
    } catch (IOException e) {
      throw new LakeException("cannot read the size of " + path + ": " + e.getMessage(), e);
    }
  }

  /** Files matching {@code dir/glob}, sorted by path; throws naming the path when nothing is there. */
  public static List<String> glob(SparkSession spark, String dir, String glob) {
    return glob(spark, dir, glob, false);
  }

  /** As {@link #glob(SparkSession, String, String)}; a missing {@code dir} is an empty list when {@code optional}. */
  public static List<String> glob(SparkSession spark, String dir, String glob, boolean optional) {
    try {
      Path pattern = new Path(dir, glob);
      FileSystem fs = pattern.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path base = new Path(dir);
      if (!fs.exists(base)) {
        if (optional) {
          return List.of();
        }
        throw new LakeException("input path " + dir + " does not exist; check the source's path in the config");
      }
      FileStatus[] matches = fs.getFileStatus(base).isFile() ? new FileStatus[] {fs.getFileStatus(base)} : fs.globStatus(pattern);
      List<String> files = new ArrayList<>();
      if (matches != null) {
        for (FileStatus status : matches) {
          if (status.isFile()) {
            files.add(status.getPath().toString());
          }
        }
      }
      files.sort(String::compareTo);
      return files;
    } catch (IOException e) {
      throw new LakeException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
