package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Marks each scanned host whose address Asset Manager indexes ({@code qualys_scanned_ips.in_inventory}), so that the
 * lists of scanned hosts not indexed (M − I: "IPs Unmanaged by Asset Manager") walk an index of those hosts only,
 * instead of probing the inventory for every scanned host on the way: a first page cost a second at a million hosts
 * when the first 700,000 scanned hosts in address order were indexed. Every transaction that changes I or M keeps
 * the mark under the counts row's lock (docs/DATA-MODEL.md).
 *
 * <p>Java, not SQL, for the index: on PostgreSQL a partial index of the unmarked hosts (a run inserts the marked
 * ones without touching it). H2 has no partial indexes, and with an index on (mark, address) it read every unmarked
 * host and sorted them for each page (0.6-0.8 s at 300,000): on H2 a page walks the address index and tests the
 * mark of each row, which costs what the probe of the inventory it replaces cost.
 */
public class V27__scanned_in_inventory extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        boolean postgresql = c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE qualys_scanned_ips ADD COLUMN in_inventory BOOLEAN DEFAULT FALSE NOT NULL");
            st.execute("UPDATE qualys_scanned_ips SET in_inventory = TRUE WHERE EXISTS (SELECT 1 FROM indexed_hosts h"
                    + " WHERE h.ip = qualys_scanned_ips.ip)");
            if (postgresql) {
                st.execute("CREATE INDEX qualys_scanned_ips_not_indexed ON qualys_scanned_ips (ip) WHERE NOT"
                        + " in_inventory");
            }
        }
    }
}
