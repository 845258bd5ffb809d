package dev.techpulse.transforms.warehouse;

import dev.techpulse.schemas.SqlTemplate;
import dev.techpulse.schemas.WarehouseTable;
import dev.techpulse.transforms.http.EtagStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;

/**
 * ETags kept in {@code mart.http_cache}, so conditional requests work across runs: a 304 costs
 * GitHub no quota and re-uses the stored body. Reads are point lookups; new answers are spooled
 * ({@link RunSpool}) and reach the cache with the run's bulk load and merge, so fetch threads
 * never write the database. A failing cache never fails a fetch: the request simply goes out
 * unconditional, or the next run asks again.
 */
public final class WarehouseEtagStore implements EtagStore, AutoCloseable {
  private static final SqlTemplate.Statement GET =
      SqlTemplate.load("common/etag_get.sql").statements().get(0);

  private final Warehouse warehouse;
  private final RunSpool spool;
  private Connection connection;
  private RunSpool.Part part;

  public WarehouseEtagStore(RunSpool spool) {
    this.warehouse = new Warehouse(spool.config());
    this.spool = spool;
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = warehouse.connect();
    }
    return connection;
  }

  @Override
  public synchronized String[] get(String url) {
    try (PreparedStatement ps = connection().prepareStatement(GET.sql())) {
      ps.setString(1, url);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}
            : null;
      }
    } catch (SQLException e) {
      return null;
    }
  }

  @Override
  public synchronized void put(String url, String etag, String body, String link) {
    try {
      if (part == null) {
        part = spool.open(WarehouseTable.HTTP_CACHE, Instant.now());
      }
      part.write(Arrays.asList(url, etag, body, link, Instant.now()));
    } catch (IOException e) {
      // Without a stored ETag the next run asks unconditionally; nothing is lost.
    }
  }

  /** Commits what this bundle cached; called when the bundle's fetches have all finished. */
  public synchronized void flush() throws IOException, SQLException {
    if (part != null) {
      try (RunSpool.Part p = part) {
        part = null;
        p.commit();
      }
    }
  }

  @Override
  public synchronized void close() {
    if (part != null) {
      try {
        part.close();
      } catch (IOException ignored) {
        // An uncommitted part is dropped; the next run asks unconditionally.
      }
      part = null;
    }
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Closing a cache connection is best effort.
      }
      connection = null;
    }
  }
}
