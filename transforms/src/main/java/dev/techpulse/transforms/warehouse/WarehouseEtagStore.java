package dev.techpulse.transforms.warehouse;

import dev.techpulse.schemas.SqlTemplate;
import dev.techpulse.transforms.http.EtagStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * ETags kept in {@code mart.http_cache}, so conditional requests work across runs: a 304 costs
 * GitHub no quota and re-uses the stored body. A failing cache never fails a fetch: the request
 * simply goes out unconditional.
 */
public final class WarehouseEtagStore implements EtagStore, AutoCloseable {
  private static final SqlTemplate.Statement GET =
      SqlTemplate.load("common/etag_get.sql").statements().get(0);
  private static final SqlTemplate PUT = SqlTemplate.load("common/etag_put.sql");

  private final Warehouse warehouse;
  private Connection connection;

  public WarehouseEtagStore(WarehouseConfig config) {
    this.warehouse = new Warehouse(config);
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
    java.util.HashMap<String, Object> p = new java.util.HashMap<>();
    p.put("url", url);
    p.put("etag", etag);
    p.put("body", body);
    p.put("link", link);
    try {
      Warehouse.execute(connection(), PUT, p);
    } catch (SQLException e) {
      // Without a stored ETag the next run asks unconditionally; nothing is lost.
    }
  }

  @Override
  public synchronized void close() {
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
