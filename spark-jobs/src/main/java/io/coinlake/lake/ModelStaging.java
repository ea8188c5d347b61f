package io.coinlake.lake;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;

/**
 * Fitted Spark models pass through the lake, the one storage every node of a cluster shares.
 * Executors write and read a model's files; the driver alone talks to MLflow, whose artifact store
 * (a local ./mlruns, a tracking server) the executors may not reach. So training saves the model
 * under {@code _staging/models/} and the driver copies it out to log it; scoring copies the
 * champion's files from MLflow into {@code _models/} once and loads them from there.
 */
public final class ModelStaging {
  static final String STAGING = "_staging/models";
  static final String MODELS = "_models";

  private ModelStaging() {}

  /**
   * Saves the fitted model with the executors to {@code <lake>/_staging/models/<key>}, copies it
   * to the driver's local folder {@code localDir} (which must not exist yet), then removes the
   * staged copy.
   */
  public static void saveToLocal(SparkSession spark, Lake lake, PipelineModel model, String key, java.nio.file.Path localDir) {
    String staged = lake.path(STAGING + "/" + key);
    try {
      model.write().overwrite().save(staged);
      Path source = new Path(staged);
      FileSystem fs = source.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.copyToLocalFile(false, source, new Path(localDir.toAbsolutePath().toUri()), true);
      fs.delete(source, true);
    } catch (IOException e) {
      throw new LakeException("cannot stage the fitted model at " + staged + ": " + e.getMessage()
          + "; check that the lake root is writable", e);
    }
  }

  /** The lake folder a model is loaded from: {@code <lake>/_models/<key>}. */
  public static String loadPath(Lake lake, String key) {
    return lake.path(MODELS + "/" + key);
  }

  /** True when {@link #publish} already put this model into the lake. */
  public static boolean isPublished(SparkSession spark, Lake lake, String key) {
    Path target = new Path(loadPath(lake, key));
    try {
      return target.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(target);
    } catch (IOException e) {
      throw new LakeException("cannot check " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Copies a model folder from the driver's local disk to {@code <lake>/_models/<key>} and returns
   * that path. The copy goes to a temporary name first and is renamed, so a half-copied model is
   * never loaded.
   */
  public static String publish(SparkSession spark, Lake lake, java.nio.file.Path localModel, String key) {
    String path = loadPath(lake, key);
    Path target = new Path(path);
    Path temporary = new Path(path + ".tmp-" + UUID.randomUUID());
    try {
      FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.copyFromLocalFile(false, true, new Path(localModel.toAbsolutePath().toUri()), temporary);
      if (!fs.rename(temporary, target)) {
        fs.delete(temporary, true);
        if (!fs.exists(target)) {
          throw new LakeException("cannot move the model copy into " + path + "; check that the lake root is writable");
        }
      }
      return path;
    } catch (IOException e) {
      throw new LakeException("cannot copy the model to " + path + ": " + e.getMessage()
          + "; check that the lake root is writable", e);
    }
  }
}
