package io.coinlake.train;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.testing.SparkTestSession;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The purge: no training row's label window reaches into its validation block. */
class WalkForwardSplitsTest {
  @Test
  void foldsExpandAndShareDatesAcrossSymbols() {
    List<Fold> folds = WalkForwardSplits.folds(LocalDate.parse("2020-01-01"), LocalDate.parse("2020-04-09"), 4, 0.5, 7);
    assertEquals(4, folds.size());
    assertEquals(LocalDate.parse("2020-02-20"), folds.get(0).validStart(), "50 of 100 days only ever train");
    assertEquals(LocalDate.parse("2020-02-13"), folds.get(0).trainEndExclusive());
    for (int k = 1; k < 4; k++) {
      assertEquals(folds.get(k - 1).validEnd(), folds.get(k).validStart(), "blocks tile the validation range");
    }
    assertEquals(LocalDate.parse("2020-04-10"), folds.get(3).validEnd(), "the last block reaches the last day");
  }

  @Test
  void noTrainingLabelWindowOverlapsValidation() {
    int h = 7;
    StructType schema = new StructType().add(SYMBOL, "string").add(TS, "timestamp").add(LABEL_END_TS, "timestamp");
    List<Row> rows = new ArrayList<>();
    LocalDate first = LocalDate.parse("2020-01-01");
    for (String symbol : List.of("A", "B")) {
      for (int d = 0; d < 120; d++) {
        // symbol B has gaps, so its label windows span more than h calendar days
        int step = symbol.equals("B") && d % 10 == 0 ? 3 : 1;
        LocalDate day = first.plusDays(d);
        rows.add(RowFactory.create(symbol, ts(day), ts(day.plusDays((long) h * step))));
      }
    }
    Dataset<Row> data = SparkTestSession.get().createDataFrame(rows, schema);
    List<Fold> folds = WalkForwardSplits.folds(first, first.plusDays(119), 3, 0.5, h);
    for (Fold fold : folds) {
      List<Row> train = data.filter(WalkForwardSplits.trainCondition(fold)).collectAsList();
      List<Row> valid = data.filter(WalkForwardSplits.validCondition(fold)).collectAsList();
      assertFalse(train.isEmpty());
      assertFalse(valid.isEmpty());
      Timestamp validStart = valid.stream().map(r -> r.getTimestamp(1)).min(Timestamp::compareTo).orElseThrow();
      for (Row r : train) {
        assertTrue(r.getTimestamp(2).before(validStart), "label window of " + r + " reaches validation " + validStart);
        long gapDays = (validStart.getTime() - r.getTimestamp(1).getTime()) / 86_400_000L;
        assertTrue(gapDays >= h, "purge gap of " + gapDays + " days for " + r);
      }
    }
  }

  private static Timestamp ts(LocalDate d) {
    return Timestamp.from(d.atStartOfDay().toInstant(ZoneOffset.UTC));
  }
}
