package dev.techpulse.transforms.warehouse;

import dev.techpulse.schemas.HttpCacheEntry;
import dev.techpulse.schemas.SqlTemplate;
import dev.techpulse.schemas.WarehouseRowCoder;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Timestamp;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * The answers {@code mart.http_cache} holds under one URL prefix, read once per run with JdbcIO
 * and joined to the elements that will ask for them: one query instead of a lookup per request.
 * Connections come from {@link Connections}, so credentials are read from the worker's
 * environment and never travel in the pipeline's options.
 */
public class ReadHttpCache extends PTransform<PBegin, PCollection<HttpCacheEntry>> {
  private static final SqlTemplate.Statement READ =
      SqlTemplate.load("common/http_cache_read.sql").statements().get(0);

  private final WarehouseConfig config;
  private final String urlPrefix;

  private ReadHttpCache(WarehouseConfig config, String urlPrefix) {
    this.config = config;
    this.urlPrefix = urlPrefix;
  }

  /** Every cached answer whose URL starts with {@code urlPrefix}. */
  public static ReadHttpCache under(WarehouseConfig config, String urlPrefix) {
    return new ReadHttpCache(config, urlPrefix);
  }

  @Override
  public PCollection<HttpCacheEntry> expand(PBegin input) {
    String prefix = urlPrefix;
    int params = READ.parameters().size();
    return input.apply(
        "ReadHttpCacheRows",
        JdbcIO.<HttpCacheEntry>read()
            .withDataSourceProviderFn(new DataSourceFn(config))
            .withQuery(READ.sql())
            .withStatementPreparator(
                ps -> {
                  for (int i = 1; i <= params; i++) {
                    ps.setString(i, prefix);
                  }
                })
            .withRowMapper(
                rs -> {
                  Timestamp fetched = rs.getTimestamp(5);
                  return HttpCacheEntry.create(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      fetched == null ? java.time.Instant.EPOCH : fetched.toInstant());
                })
            .withCoder(WarehouseRowCoder.of(HttpCacheEntry.class))
            // The join that follows groups the rows anyway: no Reshuffle of bodies before it.
            .withOutputParallelization(false));
  }

  /** A DataSource per worker JVM over {@link Connections}: no URL, user or password in it. */
  static final class DataSourceFn implements SerializableFunction<Void, DataSource> {
    private final WarehouseConfig config;

    DataSourceFn(WarehouseConfig config) {
      this.config = config;
    }

    @Override
    public DataSource apply(Void input) {
      return new ConnectionsDataSource(config);
    }
  }

  /** Hands out {@link Connections#open} connections; nothing else of DataSource is needed. */
  static final class ConnectionsDataSource implements DataSource {
    private final WarehouseConfig config;

    ConnectionsDataSource(WarehouseConfig config) {
      this.config = config;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return Connections.open(config);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("credentials come from the worker's environment");
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
