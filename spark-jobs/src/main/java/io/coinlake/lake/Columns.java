package io.coinlake.lake;

/** Every column name used across lake tables, in one place. */
public final class Columns {
  private Columns() {}

  // keys
  public static final String SYMBOL = "symbol";
  public static final String INTERVAL = "interval";
  public static final String TS = "ts";

  // OHLCV
  public static final String OPEN = "open";
  public static final String HIGH = "high";
  public static final String LOW = "low";
  public static final String CLOSE = "close";
  public static final String VOLUME = "volume";
  public static final String MARKET_CAP = "market_cap";

  // lineage
  public static final String SOURCE_FILE = "source_file";
  public static final String SOURCE_LINE = "source_line";
  /** The 1-based position of a record in its file (a JSON line may hold several records). */
  public static final String SOURCE_RECORD = "source_record";
  public static final String INGESTED_AT = "ingested_at";
  public static final String BATCH_ID = "batch_id";

  // quality
  public static final String REASON = "reason";
  public static final String CHECK = "check";
  public static final String RAW_LINE = "raw_line";
  /** Why a line could not be parsed (null for good lines). */
  public static final String ERROR = "error";
  public static final String QUARANTINED_AT = "quarantined_at";
  /** The pipeline stage that quarantined a row: ingest (unreadable) or validate (contract). */
  public static final String STAGE = "stage";
  public static final String STAGE_INGEST = "ingest";
  public static final String STAGE_VALIDATE = "validate";
  /** Warning-level findings kept on accepted silver rows, e.g. ["stale_price"]. */
  public static final String QUALITY_WARNINGS = "quality_warnings";
  /** True when the close is part of a run of unchanged closes (stale feed). */
  public static final String STALE = "stale";

  // features (volatility task)
  public static final String LOG_RETURN = "log_return";
  public static final String RV_7 = "rv_7";
  public static final String RV_30 = "rv_30";
  public static final String PARKINSON_7 = "parkinson_7";
  public static final String GARMAN_KLASS_7 = "garman_klass_7";
  public static final String HAR_RV_D = "har_rv_d";
  public static final String HAR_RV_W = "har_rv_w";
  public static final String HAR_RV_M = "har_rv_m";
  public static final String VOLUME_Z_30 = "volume_z_30";
  public static final String RSI_14 = "rsi_14";
  public static final String CLOSE_SMA_RATIO_30 = "close_sma_ratio_30";
  public static final String CLOSE_EMA_RATIO_12 = "close_ema_ratio_12";
  /** Persistence baseline input: realized vol over the last h periods, same scale as the label. */
  public static final String RV_LAST_H = "rv_last_h";
  public static final String LABEL = "label";
  /** True when the row has a full, stale-free label window and all features: the row may be trained on. */
  public static final String TRAINABLE = "trainable";

  // modelling outputs
  public static final String FOLD = "fold";
  public static final String MODEL = "model";
  public static final String Y_TRUE = "y_true";
  public static final String Y_PRED = "y_pred";
  public static final String HORIZON = "horizon";
  public static final String PREDICTION = "prediction";
  public static final String MODEL_NAME = "model_name";
  public static final String MODEL_VERSION = "model_version";
  public static final String RUN_ID = "run_id";
  public static final String SCORED_AT = "scored_at";
  /** The logical date a training or backtest ran as of. */
  public static final String AS_OF = "as_of";
  /** The ts of the last row inside a label window; CV purges on it. */
  public static final String LABEL_END_TS = "label_end_ts";

  // ops
  public static final String ROWS_READ = "rows_read";
  public static final String ROWS_ACCEPTED = "rows_accepted";
  public static final String ROWS_QUARANTINED = "rows_quarantined";
  public static final String QUARANTINED_BY_REASON = "quarantined_by_check";
  public static final String FILE_ERROR = "file_error";
  /** The record kind a file was ingested as: ohlcv, market_snapshots, ticks. */
  public static final String RECORD_KIND = "record_kind";
  /** The format that parsed a file, e.g. kaggle, coingecko_csv, coinbase_ticker. */
  public static final String FORMAT = "format";
  public static final String FILE_BYTES = "file_bytes";
  /** What ingest did with a file: ingested, skipped (same content already ingested) or unreadable. */
  public static final String FILE_STATUS = "status";
  public static final String STATUS_INGESTED = "ingested";
  public static final String STATUS_SKIPPED = "skipped";
  public static final String STATUS_UNREADABLE = "unreadable";

  // run history (ops.dag_runs, ops.task_runs)
  public static final String DAG_ID = "dag_id";
  public static final String LOGICAL_DATE = "logical_date";
  public static final String TRIGGER = "trigger";
  public static final String TASK = "task";
  public static final String ATTEMPT = "attempt";
  /** A run's or attempt's status: running, success, failed, upstream_failed. */
  public static final String RUN_STATUS = "status";
  public static final String STARTED_AT = "started_at";
  public static final String ENDED_AT = "ended_at";
  public static final String ROWS_IN = "rows_in";
  public static final String ROWS_OUT = "rows_out";
  public static final String RUN_ERROR = "error";

  // market snapshots (CoinGecko/CoinLore CSV and API): bronze.market_snapshots
  public static final String SNAPSHOT_TS = "snapshot_ts";
  public static final String COIN = "coin";
  public static final String COIN_ID = "coin_id";
  public static final String PRICE = "price";
  /** Price changes as fractions (0.022 = +2.2%), whatever unit the source used. */
  public static final String CHANGE_1H = "change_1h";
  public static final String CHANGE_24H = "change_24h";
  public static final String CHANGE_7D = "change_7d";
  public static final String VOLUME_24H = "volume_24h";
  /** Which feed a row came from, e.g. coingecko_csv, coingecko_api, coinlore_api. */
  public static final String FEED = "feed";

  // ticks (Coinbase ticker channel, classic and Advanced Trade): bronze.ticks
  public static final String PRODUCT = "product";
  public static final String BEST_BID = "best_bid";
  public static final String BEST_ASK = "best_ask";
  public static final String LAST_SIZE = "last_size";
  public static final String SIDE = "side";
  public static final String SEQUENCE = "sequence";
  public static final String TRADE_ID = "trade_id";

  // lineage of files
  public static final String CONTENT_SHA256 = "content_sha256";

  // tick bars (io.coinlake.ingest.TickBars): one row per (product, bar_start); also uses
  // PRODUCT, OPEN, HIGH, LOW, CLOSE, VOLUME
  /** The bar length, e.g. 1m, 5m, 1h. */
  public static final String BAR_INTERVAL = "bar_interval";
  /** Start of the bar, aligned to a multiple of the interval since the epoch (UTC). */
  public static final String BAR_START = "bar_start";
  /** Mean of (best_bid + best_ask) / 2 over the bar's ticks. */
  public static final String MID = "mid";
  /** Mean of best_ask - best_bid, in price units. */
  public static final String SPREAD = "spread";
  /** Mean of 1e4 * (best_ask - best_bid) / mid, in basis points. */
  public static final String SPREAD_BPS = "spread_bps";
  /** Ticks in the bar: trades (classic feed) or ticker updates (Advanced Trade). */
  public static final String TRADE_COUNT = "trade_count";
  public static final String VWAP = "vwap";
  public static final String FIRST_TS = "first_ts";
  public static final String LAST_TS = "last_ts";

  // drift reports (ops.monitoring): one row per (report_date, task); also uses TASK, MODEL_NAME, MODEL_VERSION
  /** The date a report is for: the end of its current window (the folder name under the reports dir). */
  public static final String REPORT_DATE = "report_date";
  /** First and last day of the current window. */
  public static final String WINDOW_START = "window_start";
  public static final String WINDOW_END = "window_end";
  /** The champion's training data version and as-of date the reference was read at. */
  public static final String REFERENCE_TABLE_VERSION = "reference_table_version";
  public static final String REFERENCE_AS_OF = "reference_as_of";
  public static final String REFERENCE_ROWS = "reference_rows";
  public static final String CURRENT_ROWS = "current_rows";
  public static final String MONITORED_COLUMNS = "monitored_columns";
  public static final String DRIFTED_COLUMNS = "drifted_columns";
  /** Drifted columns / monitored columns, and the share at which the dataset counts as drifted. */
  public static final String DRIFTED_SHARE = "drifted_share";
  public static final String DRIFT_SHARE_THRESHOLD = "drift_share_threshold";
  public static final String DATASET_DRIFT = "dataset_drift";
  /** Names of the drifted columns, comma-separated in model order. */
  public static final String DRIFTED_COLUMN_NAMES = "drifted_column_names";
  public static final String PREDICTION_DRIFT_TEST = "prediction_drift_test";
  public static final String PREDICTION_DRIFT_SCORE = "prediction_drift_score";
  public static final String PREDICTION_DRIFT_THRESHOLD = "prediction_drift_threshold";
  public static final String PREDICTION_DRIFT = "prediction_drift";
  /** Predictions in the current window whose label has matured, and their errors. */
  public static final String LABELED_ROWS = "labeled_rows";
  public static final String RMSE = "rmse";
  public static final String MAE = "mae";
  public static final String QLIKE = "qlike";
  /** The champion's walk-forward CV errors the current ones are compared with. */
  public static final String CV_RMSE = "cv_rmse";
  public static final String CV_MAE = "cv_mae";
  public static final String CV_QLIKE = "cv_qlike";
  public static final String DEGRADATION_FACTOR = "degradation_factor";
  public static final String DEGRADED = "degraded";
  /** What happened to the alert: off, not_needed, sent, or failed: why. */
  public static final String ALERT_STATUS = "alert_status";
  public static final String REPORT_PATH = "report_path";
  public static final String MLFLOW_RUN_ID = "mlflow_run_id";
  public static final String REPORTED_AT = "reported_at";
}
