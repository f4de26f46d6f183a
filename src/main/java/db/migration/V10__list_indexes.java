package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.logging.Logger;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Indexes for the host lists at a million hosts (docs/DASHBOARD.md, "Paging, sorting and filters"): each column a
 * list can be sorted by gets an index on (column, ip), so a page is a walk of that index from the last row shown;
 * on PostgreSQL, a trigram index serves the text filter over the inventory's columns.
 *
 * <p>Java, not SQL, because the trigram index needs the pg_trgm extension, which only a superuser or the database
 * owner (with the extension trusted) may create: when it is refused, the migration logs why and goes on without
 * that index, and the text filter still works, scanning instead. The Qualys table gets no new index: a sync run
 * rewrites it whole, and each index would be rebuilt row by row in every run.
 */
public class V10__list_indexes extends BaseJavaMigration {

    private static final Logger LOG = Logger.getLogger(V10__list_indexes.class.getName());

    /**
     * The inventory's text columns as one lower-case text, as the lists' text filter matches them (the same expression
     * as in io.assetmanager.coverage.CoverageRepository, which a query test checks); a line break separates the
     * columns because a filter (one line) cannot hold one.
     */
    private static final String INVENTORY_TEXT = "LOWER(COALESCE(hostname, '') || '\n' || COALESCE(mac, '') || '\n'"
            + " || COALESCE(source, ''))";

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement st = c.createStatement()) {
            st.execute("DROP INDEX indexed_hosts_hostname");
            st.execute("CREATE INDEX indexed_hosts_hostname_ip ON indexed_hosts (hostname, ip)");
            st.execute("CREATE INDEX indexed_hosts_last_seen_ip ON indexed_hosts (last_seen, ip)");
        }
        if (c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            trigramIndex(c);
        }
    }

    /** Creates the extension where it is missing (in the current schema) and the index with its operator class. */
    private static void trigramIndex(Connection c) throws SQLException {
        String schema = trigramSchema(c);
        if (schema == null) {
            Savepoint before = c.setSavepoint();
            try (Statement st = c.createStatement()) {
                st.execute("CREATE EXTENSION pg_trgm");
            } catch (SQLException e) {
                c.rollback(before);
                LOG.warning(() -> "The database refused CREATE EXTENSION pg_trgm (" + e.getMessage() + "), so the"
                        + " host lists' text filter has no trigram index and scans the inventory. To add the index,"
                        + " have a superuser run CREATE EXTENSION pg_trgm in this database, then "
                        + createTrigramIndex("<schema of pg_trgm>"));
                return;
            }
            schema = trigramSchema(c);
        }
        try (Statement st = c.createStatement()) {
            st.execute(createTrigramIndex(schema));
        }
    }

    private static String trigramSchema(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT n.nspname FROM pg_extension e"
                + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The operator class named with its schema: the extension may live in another schema than the tables. */
    private static String createTrigramIndex(String schema) {
        return "CREATE INDEX indexed_hosts_text_trgm ON indexed_hosts USING gin ((" + INVENTORY_TEXT + ") \""
                + schema + "\".gin_trgm_ops)";
    }
}
