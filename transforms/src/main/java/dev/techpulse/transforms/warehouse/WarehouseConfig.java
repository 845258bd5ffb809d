package dev.techpulse.transforms.warehouse;

import java.io.Serializable;

/**
 * Which warehouse to write, without credentials: Snowflake's are read where the connection is
 * made, from the environment or from the Secret Manager versions named here (a name is no
 * secret).
 */
public record WarehouseConfig(
    Dialect dialect,
    String duckdbPath,
    String snowflakePasswordSecret,
    String snowflakePrivateKeySecret)
    implements Serializable {

  /** The SQL dialects techpulse writes. */
  public enum Dialect {
    DUCKDB,
    SNOWFLAKE;

    /** Resource folder of its DDL and load statements. */
    public String folder() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Without secret names: Snowflake credentials, if any, come from the environment. */
  public WarehouseConfig(Dialect dialect, String duckdbPath) {
    this(dialect, duckdbPath, null, null);
  }

  public static WarehouseConfig duckdb(String path) {
    return new WarehouseConfig(Dialect.DUCKDB, path);
  }

  public static WarehouseConfig snowflake() {
    return new WarehouseConfig(Dialect.SNOWFLAKE, null);
  }

  /** Snowflake with its password or private key (PEM) read from Secret Manager when named. */
  public static WarehouseConfig snowflake(String passwordSecret, String privateKeySecret) {
    return new WarehouseConfig(Dialect.SNOWFLAKE, null, passwordSecret, privateKeySecret);
  }
}
