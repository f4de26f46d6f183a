package io.assetmanager.inventory;

import io.assetmanager.counts.InventoryCountChange;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import io.assetmanager.platform.PostgresCopy;
import io.assetmanager.security.Role;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.AccessTimeout;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Every change to the indexed hosts, each in one transaction: an upload is applied completely or not at all.
 *
 * <p>Writes are plain JDBC batches, not entities: SQL and COPY here because 1,000,000 hosts must cost one pass over
 * sorted arrays and a few thousand round trips (new hosts go in with COPY on PostgreSQL). An upload is applied in
 * two phases: first the existing rows it touches are read in address order and compared with the sorted upload (a
 * merge join), then all writes are sent. Because reading ends before writing starts, no cursor ever sees its own
 * transaction's changes, on H2 or PostgreSQL.
 *
 * <p>Each change keeps the dashboard's base counts up to date in its transaction ({@link InventoryCountChange}): it
 * takes the counts row first, which also makes changes on several instances sharing the database take turns.
 *
 * <p>One writer at a time (a singleton write lock): concurrent uploads on one server wait their turn.
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
@Lock(LockType.WRITE)
@AccessTimeout(value = 10, unit = TimeUnit.MINUTES)
@RolesAllowed(Role.ADMIN)
public class InventoryWriter {

    private static final Logger LOG = Logger.getLogger(InventoryWriter.class.getName());
    /** Rows per JDBC batch and addresses per IN list. */
    static final int CHUNK = 1000;
    private static final int TRANSACTION_TIMEOUT_SECONDS = 3600;
    private static final byte NEW = 0;
    private static final byte SAME = 1;
    private static final byte CHANGED = 2;
    private static final String COLUMNS = "ip, hostname, mac, zone";
    private static final String IN_LIST = "?" + ", ?".repeat(CHUNK - 1);
    /** New hosts per COPY on PostgreSQL. */
    private static final int COPY_SLICE = 50_000;

    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;

    @Resource
    private UserTransaction transaction;

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Applies a sorted, deduplicated upload. */
    public IngestCounts apply(UploadBatch batch, IngestMode mode, String source) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        long start = System.nanoTime();
        IngestCounts counts = inTransaction(connection -> new Merge(connection, batch, mode, source, now).run());
        LOG.info(() -> String.format("Inventory upload applied in %d ms: %s", (System.nanoTime() - start) / 1_000_000,
                counts.summary()));
        return counts;
    }

    /**
     * What {@link #apply} would do with the batch now, without writing: the read phase of an upload on its own
     * (read-only, outside a transaction; an upload applied meanwhile can change the numbers).
     */
    @Lock(LockType.READ)
    public IngestCounts preview(UploadBatch batch, IngestMode mode) {
        try (Connection connection = dataSource.getConnection()) {
            return new Merge(connection, batch, mode, null, null).plan();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the inventory to preview the upload: " + e, e);
        }
    }

    /** How many indexed hosts a range holds (one range scan of the address index), for a delete's preview. */
    @Lock(LockType.READ)
    public long countInRange(IpRange range) {
        return countInRange(range, null);
    }

    /**
     * How many indexed hosts a range holds in a zone ({@value HostFields#DEFAULT_ZONE}: the hosts without one; null:
     * in every zone), for a delete's preview.
     */
    @Lock(LockType.READ)
    public long countInRange(IpRange range, String zone) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT COUNT(*) FROM indexed_hosts WHERE ip BETWEEN ? AND ?" + inZone(zone))) {
            bindRange(count, range, zone);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the hosts in " + range + ": " + e, e);
        }
    }

    /** Removes the indexed hosts in a range, in every zone; returns how many there were. */
    public long delete(IpRange range) {
        return delete(range, null);
    }

    /** Removes the indexed hosts in a range of one zone (null: every zone); returns how many there were. */
    public long delete(IpRange range, String zone) {
        return inTransaction(connection -> deleteRange(connection, range, zone));
    }

    /** The work of {@link #delete} on the transaction's connection. */
    static long deleteRange(Connection connection, IpRange range) throws SQLException {
        return deleteRange(connection, range, null);
    }

    static long deleteRange(Connection connection, IpRange range, String zone) throws SQLException {
        InventoryCountChange counts = InventoryCountChange.begin(connection);
        if (zone == null) {
            counts.removingRange(range);
        } else {
            counts.removingRange(range, HostFields.zoneName(zone));
        }
        long removed;
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM indexed_hosts WHERE ip BETWEEN ? AND ?" + inZone(zone))) {
            bindRange(delete, range, zone);
            removed = delete.executeUpdate();
        }
        counts.finish();
        return removed;
    }

    private static String inZone(String zone) {
        return zone == null ? "" : " AND zone = ?";
    }

    private static void bindRange(PreparedStatement statement, IpRange range, String zone) throws SQLException {
        statement.setBytes(1, range.first().toBytes());
        statement.setBytes(2, range.last().toBytes());
        if (zone != null) {
            statement.setString(3, HostFields.zoneName(zone));
        }
    }

    private <T> T inTransaction(Work<T> work) {
        try {
            transaction.setTransactionTimeout(TRANSACTION_TIMEOUT_SECONDS);
            transaction.begin();
            T result;
            try (Connection connection = dataSource.getConnection()) {
                result = work.run(connection);
            }
            transaction.commit();
            return result;
        } catch (Exception e) {
            rollback();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof io.assetmanager.counts.CountsRepository.BusyException busy) {
                    throw new InventoryBusyException("The inventory was not changed: " + busy.getMessage()
                            + ". Nothing was written; send it again in a minute.", e);
                }
            }
            throw new IllegalStateException("The inventory was not changed: " + e, e);
        }
    }

    private void rollback() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            LOG.warning("Rolling back an inventory change failed: " + e);
        }
    }

    /**
     * One upload against the table, on the transaction's connection: the read phase decides, the write phase sends.
     * A host is an address in a zone (V26). Both the table and the upload are walked in address order; an address's
     * stored hosts are matched with its uploaded ones by zone name, in memory (an address has a host in few zones),
     * so the walk never depends on how the database orders zone names.
     */
    static final class Merge {
        private final Connection connection;
        private final UploadBatch batch;
        private final IngestMode mode;
        private final String source;
        private final OffsetDateTime now;
        private final int size;
        /** NEW, SAME or CHANGED for each distinct uploaded host. */
        private final byte[] status;
        /** Gap k (before upload address k; k = size: after the last) holds indexed hosts absent from the upload. */
        private final BitSet gapsWithRows;
        /** The first uploaded host of each address that was indexed before, in any zone. */
        private final BitSet addressIndexed;
        /** Replace mode: hosts of uploaded addresses in zones the upload does not give them. */
        private final List<StoredHost> otherZones = new ArrayList<>();
        private InventoryCountChange counts;
        private int next;
        private IpAddress lastGone;
        private long updated;
        private long unchanged;
        private long removed;

        Merge(Connection connection, UploadBatch batch, IngestMode mode, String source, OffsetDateTime now) {
            this.connection = connection;
            this.batch = batch;
            this.mode = mode;
            this.source = source;
            this.now = now;
            this.size = batch.distinctHosts();
            this.status = new byte[size];
            this.gapsWithRows = new BitSet(size + 1);
            this.addressIndexed = new BitSet(size);
        }

        IngestCounts run() throws SQLException {
            counts = InventoryCountChange.begin(connection);
            read();
            deleteGaps();
            deleteOtherZones();
            touchUnchanged();
            updateChanged();
            long added = insertNew();
            for (int k = 0; k < size; k++) {
                // An address counts once, however many zones it is indexed in.
                if (!addressIndexed.get(k) && (k == 0 || !batch.ip(k - 1).equals(batch.ip(k)))) {
                    counts.added(batch.ip(k));
                }
            }
            counts.finish();
            return new IngestCounts(mode, size, added, updated, unchanged, removed);
        }

        /** The read phase alone: what the write phase would do, with nothing written. */
        IngestCounts plan() throws SQLException {
            read();
            return new IngestCounts(mode, size, size - updated - unchanged, updated, unchanged, removed);
        }

        private void read() throws SQLException {
            if (mode == IngestMode.REPLACE) {
                readWholeTable();
            } else {
                readUploadedAddresses();
            }
        }

        /** Replace mode needs every indexed host, to find those the upload does not list. */
        private void readWholeTable() throws SQLException {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM indexed_hosts ORDER BY ip")) {
                select.setFetchSize(10_000);
                PostgresCopy.binaryResults(select);
                visit(select);
            }
        }

        /**
         * Merge mode only needs the indexed hosts of the addresses the upload lists: IN lists of distinct addresses,
         * in address order (an address in two zones is asked for once, so its hosts are read once).
         */
        private void readUploadedAddresses() throws SQLException {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM indexed_hosts WHERE ip IN (" + IN_LIST + ") ORDER BY ip")) {
                int filled = 0;
                for (int k = 0; k < size; k++) {
                    if (k > 0 && batch.ip(k - 1).equals(batch.ip(k))) {
                        continue;
                    }
                    select.setBytes(++filled, batch.ip(k).toBytes());
                    if (filled == CHUNK) {
                        visit(select);
                        filled = 0;
                    }
                }
                if (filled > 0) {
                    // A short last chunk repeats its last address: one statement shape for every chunk.
                    byte[] last = batch.ip(size - 1).toBytes();
                    for (int p = filled; p < CHUNK; p++) {
                        select.setBytes(p + 1, last);
                    }
                    visit(select);
                }
            }
        }

        private void visit(PreparedStatement select) throws SQLException {
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    existing(IpAddress.fromBytes(rows.getBytes(1)), rows.getString(2), rows.getString(3),
                            HostFields.zoneName(rows.getString(4)));
                }
            }
        }

        /** One indexed host, in address order: match it against the upload's hosts of its address. */
        private void existing(IpAddress ip, String hostname, String mac, String zone) {
            while (next < size && batch.ip(next).compareTo(ip) < 0) {
                next++;
            }
            if (next < size && batch.ip(next).equals(ip)) {
                addressIndexed.set(next);
                for (int k = next; k < size && batch.ip(k).equals(ip); k++) {
                    if (zone.equals(zoneOf(k))) {
                        if (status[k] == NEW) {
                            boolean changed = differs(batch.hostname(k), hostname) || differs(batch.mac(k), mac);
                            status[k] = changed ? CHANGED : SAME;
                            if (changed) {
                                updated++;
                            } else {
                                unchanged++;
                            }
                        }
                        return;
                    }
                }
                // The address is uploaded, but not in this zone: the host stays unless the upload replaces all.
                if (mode == IngestMode.REPLACE) {
                    otherZones.add(new StoredHost(ip.toBytes(), zone));
                    removed++;
                }
            } else {
                gapsWithRows.set(next);
                if (counts != null && !ip.equals(lastGone)) {
                    counts.removed(ip);
                }
                lastGone = ip;
                removed++;
            }
        }

        /** A stored host to delete: its address as stored and its zone. */
        private record StoredHost(byte[] ip, String zone) {
        }

        /** The zone a host of the upload is stored in. */
        private String zoneOf(int k) {
            return HostFields.zoneName(batch.zone(k));
        }

        /** An absent detail in the upload keeps the stored one. */
        private static boolean differs(String uploaded, String stored) {
            return uploaded != null && !uploaded.equals(stored);
        }

        private void deleteGaps() throws SQLException {
            if (gapsWithRows.isEmpty()) {
                return;
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM indexed_hosts WHERE ip BETWEEN ? AND ?")) {
                int pending = 0;
                for (int gap = gapsWithRows.nextSetBit(0); gap >= 0; gap = gapsWithRows.nextSetBit(gap + 1)) {
                    IpAddress first = gap == 0 ? IpAddress.of(0, 0) : batch.ip(gap - 1).next();
                    IpAddress last = gap == size ? IpAddress.of(-1L, -1L) : batch.ip(gap).previous();
                    delete.setBytes(1, first.toBytes());
                    delete.setBytes(2, last.toBytes());
                    delete.addBatch();
                    pending = flushIfFull(delete, pending + 1);
                }
                flush(delete, pending);
            }
        }

        private void deleteOtherZones() throws SQLException {
            if (otherZones.isEmpty()) {
                return;
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM indexed_hosts WHERE ip = ? AND zone = ?")) {
                int pending = 0;
                for (StoredHost host : otherZones) {
                    delete.setBytes(1, host.ip());
                    delete.setString(2, host.zone());
                    delete.addBatch();
                    pending = flushIfFull(delete, pending + 1);
                }
                flush(delete, pending);
            }
        }

        /**
         * The unchanged hosts get their last sighting: IN lists of addresses, zone by zone (one pass to group the
         * hosts by zone, whatever the number of zones).
         */
        private void touchUnchanged() throws SQLException {
            if (unchanged == 0) {
                return;
            }
            Map<String, List<Integer>> byZone = new TreeMap<>();
            for (int k = 0; k < size; k++) {
                if (status[k] == SAME) {
                    byZone.computeIfAbsent(zoneOf(k), z -> new ArrayList<>()).add(k);
                }
            }
            try (PreparedStatement touch = connection.prepareStatement("UPDATE indexed_hosts SET last_seen = ?,"
                    + " source = ? WHERE zone = ? AND ip IN (" + IN_LIST + ")")) {
                byte[][] chunk = new byte[CHUNK][];
                for (Map.Entry<String, List<Integer>> zone : byZone.entrySet()) {
                    int filled = 0;
                    for (int k : zone.getValue()) {
                        chunk[filled++] = batch.ip(k).toBytes();
                        if (filled == CHUNK) {
                            touchChunk(touch, zone.getKey(), chunk, filled);
                            filled = 0;
                        }
                    }
                    if (filled > 0) {
                        touchChunk(touch, zone.getKey(), chunk, filled);
                    }
                }
            }
        }

        private void touchChunk(PreparedStatement touch, String zone, byte[][] chunk, int filled)
                throws SQLException {
            touch.setObject(1, now);
            setSource(touch, 2);
            touch.setString(3, zone);
            for (int p = 0; p < CHUNK; p++) {
                touch.setBytes(p + 4, chunk[Math.min(p, filled - 1)]);
            }
            touch.executeUpdate();
        }

        private void updateChanged() throws SQLException {
            if (updated == 0) {
                return;
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE indexed_hosts SET"
                    + " hostname = COALESCE(?, hostname), mac = COALESCE(?, mac),"
                    + " last_seen = ?, source = ? WHERE ip = ? AND zone = ?")) {
                int pending = 0;
                for (int k = 0; k < size; k++) {
                    if (status[k] == CHANGED) {
                        setText(update, 1, batch.hostname(k));
                        setText(update, 2, batch.mac(k));
                        update.setObject(3, now);
                        setSource(update, 4);
                        update.setBytes(5, batch.ip(k).toBytes());
                        update.setString(6, zoneOf(k));
                        update.addBatch();
                        pending = flushIfFull(update, pending + 1);
                    }
                }
                flush(update, pending);
            }
        }

        private long insertNew() throws SQLException {
            if (PostgresCopy.isPostgres(connection)) {
                return copyNew();
            }
            long added = 0;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO indexed_hosts"
                    + " (ip, hostname, mac, zone, first_seen, last_seen, source) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (int k = 0; k < size; k++) {
                    if (status[k] == NEW) {
                        insert.setBytes(1, batch.ip(k).toBytes());
                        setText(insert, 2, batch.hostname(k));
                        setText(insert, 3, batch.mac(k));
                        insert.setString(4, zoneOf(k));
                        insert.setObject(5, now);
                        insert.setObject(6, now);
                        setSource(insert, 7);
                        insert.addBatch();
                        added++;
                        pending = flushIfFull(insert, pending + 1);
                    }
                }
                flush(insert, pending);
            }
            return added;
        }

        /**
         * The new hosts through COPY, in the upload's transaction: PostgreSQL's fastest way in (see
         * docs/BENCHMARKS.md). Sent in slices, so the text never holds the whole upload.
         */
        private long copyNew() throws SQLException {
            long added = 0;
            StringBuilder rows = new StringBuilder(COPY_SLICE * 100);
            StringBuilder constant = new StringBuilder();
            PostgresCopy.timestamp(constant.append('\t'), now);
            PostgresCopy.timestamp(constant.append('\t'), now);
            PostgresCopy.text(constant.append('\t'), source);
            constant.append('\n');
            for (int k = 0; k < size; k++) {
                if (status[k] == NEW) {
                    PostgresCopy.bytea(rows, batch.ip(k).toBytes());
                    PostgresCopy.text(rows.append('\t'), batch.hostname(k));
                    PostgresCopy.text(rows.append('\t'), batch.mac(k));
                    PostgresCopy.text(rows.append('\t'), zoneOf(k));
                    rows.append(constant);
                    if (++added % COPY_SLICE == 0) {
                        copy(rows);
                    }
                }
            }
            if (rows.length() > 0) {
                copy(rows);
            }
            return added;
        }

        private void copy(StringBuilder rows) throws SQLException {
            PostgresCopy.copyIn(connection, "COPY indexed_hosts (ip, hostname, mac, zone, first_seen, last_seen,"
                    + " source) FROM STDIN", new StringReader(rows.toString()));
            rows.setLength(0);
        }

        private void setSource(PreparedStatement statement, int index) throws SQLException {
            setText(statement, index, source);
        }

        private static void setText(PreparedStatement statement, int index, String value) throws SQLException {
            if (value == null) {
                statement.setNull(index, Types.VARCHAR);
            } else {
                statement.setString(index, value);
            }
        }

        private static int flushIfFull(PreparedStatement statement, int pending) throws SQLException {
            if (pending == CHUNK) {
                statement.executeBatch();
                return 0;
            }
            return pending;
        }

        private static void flush(PreparedStatement statement, int pending) throws SQLException {
            if (pending > 0) {
                statement.executeBatch();
            }
        }
    }
}
