package io.assetmanager.coverage;

import io.assetmanager.net.IpAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A freshly migrated database for query tests: H2 in memory (the mode the server uses), or a private schema in the
 * PostgreSQL database given by the system properties {@code db.host}, {@code db.port}, {@code db.name},
 * {@code db.user}, {@code db.password} (the build passes the {@code postgresql} profile's values). The private
 * schema keeps tests off the {@code public} schema that integration tests and running servers use.
 */
public final class TestDatabase implements AutoCloseable {

    public enum Kind { H2, POSTGRESQL }

    private final Kind kind;
    private final DataSource dataSource;
    private final String schema;

    private TestDatabase(Kind kind, DataSource dataSource, String schema) {
        this.kind = kind;
        this.dataSource = dataSource;
        this.schema = schema;
    }

    public static TestDatabase h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:coverage-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY");
        ds.setUser("sa");
        ds.setPassword("sa");
        migrate(ds, null);
        return new TestDatabase(Kind.H2, ds, null);
    }

    /** Call only when {@link #postgresqlProblem()} found nothing wrong. */
    public static TestDatabase postgresql() {
        String schema = "coverage_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PGSimpleDataSource ds = postgresqlDataSource();
        createTrigramExtension(ds);
        ds.setCurrentSchema(schema);
        migrate(ds, schema);
        return new TestDatabase(Kind.POSTGRESQL, ds, schema);
    }

    /**
     * pg_trgm in the public schema, where dropping a test's schema leaves it (migration V10 would otherwise create
     * it in the first test schema, and dropping that schema would take it from every other).
     */
    private static void createTrigramExtension(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the extension pg_trgm: " + e.getMessage(), e);
        }
    }

    public static PGSimpleDataSource postgresqlDataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {System.getProperty("db.host", "127.0.0.1")});
        ds.setPortNumbers(new int[] {Integer.parseInt(System.getProperty("db.port", "5432"))});
        ds.setDatabaseName(System.getProperty("db.name", "test"));
        ds.setUser(System.getProperty("db.user", "postgres"));
        ds.setPassword(System.getProperty("db.password", ""));
        ds.setConnectTimeout(5);
        return ds;
    }

    /** Why PostgreSQL tests cannot run here, or null when they can. */
    public static String postgresqlProblem() {
        PGSimpleDataSource ds = postgresqlDataSource();
        try (Connection c = ds.getConnection()) {
            return null;
        } catch (SQLException e) {
            return "PostgreSQL at " + ds.getServerNames()[0] + ":" + ds.getPortNumbers()[0] + "/"
                    + ds.getDatabaseName() + " is not reachable (" + e.getMessage() + "); PostgreSQL tests skipped";
        }
    }

    private static void migrate(DataSource ds, String schema) {
        var config = Flyway.configure().dataSource(ds).locations("classpath:db/migration");
        if (schema != null) {
            config.schemas(schema).defaultSchema(schema);
        }
        config.load().migrate();
    }

    public Kind kind() {
        return kind;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String toString() {
        return kind.toString();
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = kind == Kind.H2 ? dataSource.getConnection() : postgresqlDataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute(kind == Kind.H2 ? "SHUTDOWN" : "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** The addresses in the first column of the query's rows, in address order, as text. */
    public static List<String> addresses(Connection c, String select) throws SQLException {
        List<IpAddress> addresses = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(select)) {
            while (rs.next()) {
                addresses.add(IpAddress.fromBytes(rs.getBytes(1)));
            }
        }
        return addresses.stream().sorted().map(IpAddress::toString).toList();
    }
}
