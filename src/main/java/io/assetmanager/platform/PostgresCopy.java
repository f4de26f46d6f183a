package io.assetmanager.platform;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HexFormat;

/**
 * PostgreSQL's COPY for the million-row paths: several times faster than batched INSERTs. Only touches the driver's
 * classes when the database is PostgreSQL, so deployments on H2 need no PostgreSQL driver.
 */
public final class PostgresCopy {

    private PostgresCopy() {
    }

    /** Whether the connection is to PostgreSQL (else H2): for COPY, and every statement that differs between them. */
    public static boolean isPostgres(Connection c) throws SQLException {
        return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
    }

    /** Runs {@code COPY ... FROM STDIN} (text format) with rows from {@code data}; returns the rows copied. */
    public static long copyIn(Connection c, String copySql, Reader data) throws SQLException {
        try {
            return Driver.copyIn(c, copySql, data);
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }

    /** Appends one column value in COPY's text format: \N for null, backslash escapes for the special characters. */
    public static void text(StringBuilder row, String value) {
        if (value == null) {
            row.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(ch);
            }
        }
    }

    public static void bytea(StringBuilder row, byte[] value) {
        row.append("\\\\x").append(HexFormat.of().formatHex(value));
    }

    public static void timestamp(StringBuilder row, OffsetDateTime value) {
        if (value == null) {
            row.append("\\N");
        } else {
            row.append(value);
        }
    }

    /**
     * Asks PostgreSQL for the statement's rows in binary form, for reads of many rows (a cursor over the inventory or
     * the Qualys hosts): the driver then decodes an address ({@code BYTEA}) by copying its bytes and a time by
     * arithmetic, instead of parsing hex digits and date text for every row. The driver sends binary results only
     * for a statement it has prepared on the server, which it otherwise does from a statement's fifth execution on;
     * this prepares it at the first. Nothing on H2.
     */
    public static void binaryResults(PreparedStatement ps) throws SQLException {
        if (isPostgres(ps.getConnection())) {
            Driver.binaryResults(ps);
        }
    }

    /** Holds the driver references, loaded only when PostgreSQL is in use. */
    private static final class Driver {
        static void binaryResults(PreparedStatement ps) throws SQLException {
            // -1: prepared at once, and every result column the driver can read in binary comes in binary.
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
        }

        static long copyIn(Connection c, String sql, Reader data) throws SQLException, IOException {
            return c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(sql, data);
        }
    }
}
