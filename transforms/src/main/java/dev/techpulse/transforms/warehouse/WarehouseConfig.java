package dev.techpulse.transforms.warehouse;

import java.io.Serializable;

/**
 * Which warehouse to write, without credentials: Snowflake's are read from the environment
 * where the connection is made.
 */
public record WarehouseConfig(Dialect dialect, String duckdbPath) implements Serializable {

  /** The SQL dialects techpulse writes. */
  public enum Dialect {
    DUCKDB,
    SNOWFLAKE;

    /** Resource folder of its DDL and load statements. */
    public String folder() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static WarehouseConfig duckdb(String path) {
    return new WarehouseConfig(Dialect.DUCKDB, path);
  }

  public static WarehouseConfig snowflake() {
    return new WarehouseConfig(Dialect.SNOWFLAKE, null);
  }
}
