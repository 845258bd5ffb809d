package dev.techpulse.transforms.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --checkWarehouse on DuckDB: every check on a real database file, and one that fails. */
class WarehouseCheckTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void freshDuckdbFile_passesEveryCheck_andLeavesNoScratchBehind() throws Exception {
    WarehouseConfig config = WarehouseConfig.duckdb(dir.resolve("w.duckdb").toString());

    List<WarehouseCheck.Result> results = WarehouseCheck.run(config, out);

    assertNull(WarehouseCheck.failure(results), printed.toString(StandardCharsets.UTF_8));
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(results.size(), lines.size(), "one line per check");
    assertEquals(
        List.of("connect", "create a table in staging", "create a table in mart", "spool a part",
            "load the part into staging", "merge staging into mart", "drop the table in staging",
            "drop the table in mart"),
        results.stream().map(WarehouseCheck.Result::check).toList());
    assertTrue(lines.stream().allMatch(l -> l.startsWith("ok    ")), lines.toString());
    assertFalse(Files.exists(Path.of(config.duckdbPath() + ".spool")), "spool folder removed");
    try (Connection c = Connections.open(config);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM information_schema.tables"
                    + " WHERE table_name LIKE 'techpulse_check_%'")) {
      rs.next();
      assertEquals(0, rs.getLong(1), "scratch tables dropped");
    } finally {
      Connections.release(config);
    }
  }

  @Test
  void unwritableSpoolFolder_failsThatCheck_namesIt_andSkipsWhatNeedsIt() throws Exception {
    WarehouseConfig config = WarehouseConfig.duckdb(dir.resolve("w.duckdb").toString());
    Files.writeString(Path.of(config.duckdbPath() + ".spool"), "a file where the folder goes");

    List<WarehouseCheck.Result> results = WarehouseCheck.run(config, out);

    String failure = WarehouseCheck.failure(results);
    assertEquals(
        "3 of 8 warehouse checks failed, first: spool a part: cannot write the spool folder "
            + config.duckdbPath() + ".spool",
        failure);
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("FAIL  load the part into staging: not tried"), text);
    assertTrue(text.contains("ok    drop the table in mart"), "scratch still cleaned up: " + text);
  }
}
