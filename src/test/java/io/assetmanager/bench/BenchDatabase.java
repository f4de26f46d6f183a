package io.assetmanager.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A benchmark's own PostgreSQL database (127.0.0.1:5432, user postgres; system properties db.host, db.port,
 * db.user, db.password override), dropped and created again, migrated with the application's Flyway migrations.
 */
public final class BenchDatabase implements AutoCloseable {

    private static final int COPY_CHUNK = 1 << 20;

    private final String name;
    private final Connection connection;

    private BenchDatabase(String name, Connection connection) {
        this.name = name;
        this.connection = connection;
    }

    public static String host() {
        return System.getProperty("db.host", "127.0.0.1");
    }

    public static String port() {
        return System.getProperty("db.port", "5432");
    }

    public static String user() {
        return System.getProperty("db.user", "postgres");
    }

    static String password() {
        return System.getProperty("db.password", "");
    }

    /** Drops {@code name} if it exists (even with open sessions), creates it, migrates it and connects to it. */
    public static BenchDatabase recreate(String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection admin = DriverManager.getConnection(url("postgres"), user(), password());
             Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        }
        Flyway.configure().dataSource(url(name), user(), password()).locations("classpath:db/migration").load()
                .migrate();
        return new BenchDatabase(name, DriverManager.getConnection(url(name), user(), password()));
    }

    private static String url(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    public String name() {
        return name;
    }

    public Connection connection() {
        return connection;
    }

    public void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    public long queryLong(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs {@code COPY ... FROM STDIN} with rows in PostgreSQL's text format. */
    public static long copy(Connection c, String sql, CharSequence rows) throws SQLException {
        return copy(c, sql, rows.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static long copy(Connection c, String sql, byte[] rows) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        for (int off = 0; off < rows.length; off += COPY_CHUNK) {
            in.writeToCopy(rows, off, Math.min(COPY_CHUNK, rows.length - off));
        }
        return in.endCopy();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
