package io.assetmanager.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads the columns of rows that are read by the hundred thousand (lists, exports) with the plain getters of JDBC.
 * The server's pooled result sets (Payara's JDBC wrapper) answer {@code getObject(column, type)} by looking the
 * driver's method up by reflection on every call: at 700,000 rows with three times each, about a sixth of an
 * export's CPU time went there (a flight recording of the benchmark suite).
 */
public final class Columns {

    private Columns() {
    }

    /** A {@code TIMESTAMP WITH TIME ZONE} column as the instant it holds, at UTC; null for SQL NULL. */
    public static OffsetDateTime utcTime(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().atOffset(ZoneOffset.UTC);
    }

    /** A {@code BIGINT} column; null for SQL NULL. */
    public static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
