package io.assetmanager.it;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database the integration tests' server uses, opened from the test: the H2 file under
 * {@code ASSETMANAGER_IT_DATA_DIR} (AUTO_SERVER, so both sides can have it open), or the PostgreSQL database of the
 * {@code ASSETMANAGER_DB_*} variables under {@code -Ppostgresql}.
 */
public final class ServerDatabase {

    private ServerDatabase() {
    }

    public static DataSource dataSource() {
        if ("postgresql".equals(System.getProperty("it.db"))) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setServerNames(new String[] {System.getenv("ASSETMANAGER_DB_HOST")});
            ds.setPortNumbers(new int[] {Integer.parseInt(System.getenv("ASSETMANAGER_DB_PORT"))});
            ds.setDatabaseName(System.getenv("ASSETMANAGER_DB_NAME"));
            ds.setUser(System.getenv("ASSETMANAGER_DB_USER"));
            ds.setPassword(System.getenv("ASSETMANAGER_DB_PASSWORD"));
            return ds;
        }
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + System.getenv("ASSETMANAGER_IT_DATA_DIR")
                + "/assetmanager;AUTO_SERVER=TRUE;MODE=LEGACY");
        ds.setUser("sa");
        ds.setPassword("sa");
        return ds;
    }
}
