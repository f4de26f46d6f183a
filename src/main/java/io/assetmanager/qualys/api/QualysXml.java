package io.assetmanager.qualys.api;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpParseException;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Streaming readers for the Qualys XML documents the client uses. DTDs and external entities are off: the remote
 * DOCTYPE Qualys sends is never fetched, and a document that uses an entity it declares is refused. The readers accept
 * what the real service sends: no XML declaration, comments before and after the root, CDATA padded with blanks,
 * missing and unknown elements, elements in any order, {@code ID_SET} instead of {@code HOST_LIST}.
 */
final class QualysXml {

    static final String SIMPLE_RETURN = "SIMPLE_RETURN";

    private QualysXml() {
    }

    /** A SIMPLE_RETURN answer. {@code code} is null on success. */
    record SimpleReturn(String datetime, Integer code, String text, List<Item> items) {
        String item(String key) {
            for (Item i : items) {
                if (i.key() != null && i.key().equalsIgnoreCase(key)) {
                    return i.values().isEmpty() ? null : i.values().get(0);
                }
            }
            return null;
        }
    }

    record Item(String key, List<String> values) {
    }

    /** The WARNING element: code 1980 with the URL of the next page when a list was truncated. */
    record Warning(Integer code, String text, String url) {
        boolean isNextPage() {
            return code != null && code == 1980 && url != null && !url.isBlank();
        }
    }

    /** One page of a list Qualys may truncate; {@code warning} carries the next page's URL. */
    interface Page {
        Warning warning();
    }

    record HostPage(long hosts, String datetime, Warning warning) implements Page {
    }

    record GroupPage(List<AssetGroup> groups, Warning warning) implements Page {
    }

    record NetworkPage(List<QualysNetwork> networks, Warning warning) implements Page {
    }

    record AppliancePage(List<ScannerAppliance> appliances, Warning warning) implements Page {
    }

    /** Thrown by a reader that found a SIMPLE_RETURN error document where it expected data. */
    static final class ErrorDocument extends RuntimeException {
        final transient SimpleReturn simpleReturn;

        ErrorDocument(SimpleReturn simpleReturn) {
            super("SIMPLE_RETURN code " + simpleReturn.code() + ": " + simpleReturn.text(), null, false, false);
            this.simpleReturn = simpleReturn;
        }
    }

    /**
     * The longest text one element may carry (characters): far above any Qualys field (the longest is a sentence of
     * SIMPLE_RETURN's TEXT), and a bound on what one answer can make the reader hold.
     */
    static final int MAX_TEXT = 1 << 20;

    /**
     * Woodstox, created by class (code that asks {@code XMLInputFactory.newFactory()} with the WAR's class loader may
     * get it too: its jar registers itself; Asset Manager's nmap reader asks for the JDK's by name). It reads a
     * million hosts' XML about a quarter faster than the JDK's own StAX (HostListBenchmark prints both). With DTD
     * support off it neither reads a DTD nor expands an entity the document declares: such a reference fails as
     * undeclared. One factory serves every reader (it is thread-safe once configured, and its readers share the
     * symbol table of element names).
     */
    private static final XMLInputFactory FACTORY = configured(new WstxInputFactory());

    static XMLInputFactory configured(XMLInputFactory f) {
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource " + systemId + " refused");
        });
        if (f instanceof WstxInputFactory) {
            // Each event read whole by next(): a lazy read would report a cut connection from getText() as an
            // unchecked exception, which the client could not tell from a bug (it resumes a page after an I/O failure).
            f.setProperty(WstxInputProperties.P_LAZY_PARSING, false);
            // Woodstox reads a CDATA section as one event: bounded while it reads, not after.
            f.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, MAX_TEXT);
        }
        return f;
    }

    /** Opens a reader positioned on the root element. Leading blanks and a byte order mark are skipped. */
    static XMLStreamReader openAtRoot(InputStream in) throws XMLStreamException, IOException {
        return openAtRoot(in, FACTORY);
    }

    private static XMLStreamReader openAtRoot(InputStream in, XMLInputFactory factory)
            throws XMLStreamException, IOException {
        BufferedInputStream b = new BufferedInputStream(in, 8192);
        while (true) {
            b.mark(4);
            int c = b.read();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            if (c == 0xEF) { // UTF-8 byte order mark
                if (b.read() == 0xBB && b.read() == 0xBF) {
                    continue;
                }
            }
            b.reset();
            break;
        }
        XMLStreamReader r = factory.createXMLStreamReader(b, "UTF-8");
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT) {
                return r;
            }
        }
        throw new XMLStreamException("the answer has no root element");
    }

    static String name(XMLStreamReader r) {
        return r.getLocalName();
    }

    /** Text of the current element (text and CDATA joined, child elements skipped), stripped; "" when empty. */
    static String text(XMLStreamReader r) throws XMLStreamException {
        StringBuilder sb = null;
        String single = null;
        int depth = 0;
        while (true) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth == 0) {
                        String t = r.getText();
                        if (single == null && sb == null) {
                            single = t;
                        } else {
                            if (sb == null) {
                                sb = new StringBuilder(single);
                            }
                            sb.append(t);
                            if (sb.length() > MAX_TEXT) {
                                throw tooLong(r);
                            }
                        }
                    }
                }
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new XMLStreamException("entity reference &" + r.getLocalName() + "; refused", r.getLocation());
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> {
                    if (depth == 0) {
                        String s = sb != null ? sb.toString() : single;
                        if (s != null && s.length() > MAX_TEXT) {
                            throw tooLong(r);
                        }
                        return s == null ? "" : s.strip();
                    }
                    depth--;
                }
                case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("document ended inside an element");
                default -> { }
            }
        }
    }

    private static XMLStreamException tooLong(XMLStreamReader r) {
        return new XMLStreamException("an element's text is longer than " + MAX_TEXT + " characters", r.getLocation());
    }

    /** Skips the current element and everything inside it. */
    static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 0;
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                if (depth == 0) {
                    return;
                }
                depth--;
            } else if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new XMLStreamException("entity reference &" + r.getLocalName() + "; refused", r.getLocation());
            } else if (ev == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("document ended inside an element");
            }
        }
    }

    /**
     * Moves to the next child element of the element the reader is in. Returns false at the parent's end tag.
     * Text between elements (such as "..." in documentation excerpts) is ignored; entity references are refused.
     */
    static boolean nextChild(XMLStreamReader r) throws XMLStreamException {
        while (true) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT:
                    return true;
                case XMLStreamConstants.END_ELEMENT:
                    return false;
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw new XMLStreamException("entity reference &" + r.getLocalName() + "; refused", r.getLocation());
                case XMLStreamConstants.END_DOCUMENT:
                    throw new XMLStreamException("document ended before its root element was closed");
                default:
                    break;
            }
        }
    }

    /** Reads to the end of the document, so that anything malformed after the data (or a cut connection) is noticed. */
    static void finish(XMLStreamReader r) throws XMLStreamException {
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new XMLStreamException("entity reference refused", r.getLocation());
            }
        }
        r.close();
    }

    private static void expectRoot(XMLStreamReader r, String expected) throws XMLStreamException {
        String root = name(r);
        if (root.equals(expected)) {
            return;
        }
        if (root.equals(SIMPLE_RETURN)) {
            SimpleReturn sr = readSimpleReturnBody(r);
            throw new ErrorDocument(sr);
        }
        throw new XMLStreamException("expected " + expected + " but the answer is " + root, r.getLocation());
    }

    // ---------------------------------------------------------------------------------------------- SIMPLE_RETURN

    static SimpleReturn readSimpleReturn(InputStream in) throws XMLStreamException, IOException {
        XMLStreamReader r = openAtRoot(in);
        if (!name(r).equals(SIMPLE_RETURN)) {
            throw new XMLStreamException("expected SIMPLE_RETURN but the answer is " + name(r), r.getLocation());
        }
        SimpleReturn sr = readSimpleReturnBody(r);
        finish(r);
        return sr;
    }

    static SimpleReturn readSimpleReturn(byte[] body) throws XMLStreamException, IOException {
        return readSimpleReturn(new ByteArrayInputStream(body));
    }

    /** Reads SIMPLE_RETURN whose start tag is current; leaves the reader after its end tag. */
    private static SimpleReturn readSimpleReturnBody(XMLStreamReader r) throws XMLStreamException {
        String datetime = null;
        Integer code = null;
        String text = null;
        List<Item> items = new ArrayList<>();
        while (nextChild(r)) {
            if (!name(r).equals("RESPONSE")) {
                skip(r);
                continue;
            }
            while (nextChild(r)) {
                switch (name(r)) {
                    case "DATETIME" -> datetime = text(r);
                    case "CODE" -> {
                        String c = text(r);
                        try {
                            code = Integer.valueOf(c);
                        } catch (NumberFormatException e) {
                            text = (text == null ? "" : text + " ") + "(code " + c + ")";
                        }
                    }
                    case "TEXT" -> text = text == null ? text(r) : text(r) + " " + text;
                    case "ITEM_LIST" -> {
                        while (nextChild(r)) {
                            if (!name(r).equals("ITEM")) {
                                skip(r);
                                continue;
                            }
                            String key = null;
                            List<String> values = new ArrayList<>();
                            while (nextChild(r)) {
                                switch (name(r)) {
                                    case "KEY" -> key = text(r);
                                    case "VALUE" -> values.add(text(r));
                                    default -> skip(r);
                                }
                            }
                            items.add(new Item(key, values));
                        }
                    }
                    default -> skip(r);
                }
            }
        }
        return new SimpleReturn(datetime, code, text, List.copyOf(items));
    }

    /** A SIMPLE_RETURN that must be a success: one carrying a CODE is thrown as {@link ErrorDocument}. */
    static SimpleReturn readSuccess(InputStream in) throws XMLStreamException, IOException {
        SimpleReturn sr = readSimpleReturn(in);
        if (sr.code() != null) {
            throw new ErrorDocument(sr);
        }
        return sr;
    }

    // ------------------------------------------------------------------------------------------------ IP list

    /** IP_LIST_OUTPUT: every IP and IP_RANGE of RESPONSE/IP_SET. */
    static IpRangeSet readIpList(InputStream in) throws XMLStreamException, IOException {
        XMLStreamReader r = openAtRoot(in);
        expectRoot(r, "IP_LIST_OUTPUT");
        IpRangeSet.Builder b = IpRangeSet.builder();
        while (nextChild(r)) {
            if (!name(r).equals("RESPONSE")) {
                skip(r);
                continue;
            }
            while (nextChild(r)) {
                if (name(r).equals("IP_SET")) {
                    readIpSet(r, b);
                } else {
                    skip(r);
                }
            }
        }
        finish(r);
        return b.build();
    }

    private static void readIpSet(XMLStreamReader r, IpRangeSet.Builder b) throws XMLStreamException {
        while (nextChild(r)) {
            String n = name(r);
            if (n.equals("IP") || n.equals("IP_RANGE")) {
                String t = text(r);
                if (t.isEmpty()) {
                    continue;
                }
                try {
                    b.add(IpRange.parse(t));
                } catch (IpParseException e) {
                    throw new XMLStreamException(n + " \"" + t + "\" is not an address or range: " + e.getMessage(),
                            r.getLocation());
                }
            } else {
                skip(r);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- host list

    /**
     * One page of HOST_LIST_OUTPUT. Each HOST (or each ID of an ID_SET) goes to {@code sink} as soon as it is read;
     * nothing is kept.
     */
    static HostPage readHostPage(InputStream in, Consumer<QualysHost> sink) throws XMLStreamException, IOException {
        return readHostPage(in, sink, FACTORY);
    }

    /** As above with another parser: HostListBenchmark's baseline. */
    static HostPage readHostPage(InputStream in, Consumer<QualysHost> sink, XMLInputFactory factory)
            throws XMLStreamException, IOException {
        XMLStreamReader r = openAtRoot(in, factory);
        expectRoot(r, "HOST_LIST_OUTPUT");
        long count = 0;
        String datetime = null;
        Warning warning = null;
        while (nextChild(r)) {
            if (!name(r).equals("RESPONSE")) {
                skip(r);
                continue;
            }
            while (nextChild(r)) {
                switch (name(r)) {
                    case "DATETIME" -> datetime = text(r);
                    case "HOST_LIST" -> {
                        while (nextChild(r)) {
                            if (name(r).equals("HOST")) {
                                sink.accept(readHost(r));
                                count++;
                            } else {
                                skip(r);
                            }
                        }
                    }
                    case "ID_SET" -> {
                        while (nextChild(r)) {
                            String n = name(r);
                            if (n.equals("ID")) {
                                sink.accept(new QualysHost(parseId(text(r), r), null, null, null, null, null, null));
                                count++;
                            } else if (n.equals("ID_RANGE")) {
                                String t = text(r);
                                int dash = t.indexOf('-');
                                long first = parseId(dash < 0 ? t : t.substring(0, dash), r);
                                long last = dash < 0 ? first : parseId(t.substring(dash + 1), r);
                                for (long id = first; id <= last; id++) {
                                    sink.accept(new QualysHost(id, null, null, null, null, null, null));
                                    count++;
                                }
                            } else {
                                skip(r);
                            }
                        }
                    }
                    case "WARNING" -> warning = readWarning(r);
                    default -> skip(r);
                }
            }
        }
        finish(r);
        return new HostPage(count, datetime, warning);
    }

    private static QualysHost readHost(XMLStreamReader r) throws XMLStreamException {
        long id = -1;
        String ip = null, ipv6 = null, dns = null, netbios = null, os = null, tracking = null, vulnScan = null, scan = null;
        String vmScanned = null;
        while (nextChild(r)) {
            switch (name(r)) {
                case "ID" -> id = parseId(text(r), r);
                case "IP" -> ip = text(r);
                case "IPV6" -> ipv6 = text(r);
                case "DNS" -> dns = emptyToNull(text(r));
                case "NETBIOS" -> netbios = emptyToNull(text(r));
                case "OS" -> os = emptyToNull(text(r));
                case "TRACKING_METHOD" -> tracking = emptyToNull(text(r));
                case "LAST_VULN_SCAN_DATETIME" -> vulnScan = text(r);
                case "LAST_SCAN_DATETIME" -> scan = text(r);
                case "LAST_VM_SCANNED_DATE" -> vmScanned = text(r);
                default -> skip(r);
            }
        }
        if (id < 0) {
            throw new XMLStreamException("HOST without ID", r.getLocation());
        }
        IpAddress address = address(ip);
        IpAddress address6 = address(ipv6);
        if (address == null) {
            address = address6;
            address6 = null;
        }
        Instant vuln = instant(vulnScan);
        Instant vm = instant(vmScanned);
        Instant last = vuln == null ? vm : vm == null || vuln.isAfter(vm) ? vuln : vm;
        if (last == null) {
            last = instant(scan);
        }
        return new QualysHost(id, address, dns, netbios, os, tracking, last, vuln, vm,
                address6 == null || address6.equals(address) ? null : address6);
    }

    private static long parseId(String s, XMLStreamReader r) throws XMLStreamException {
        try {
            long v = Long.parseLong(s.strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new XMLStreamException("ID \"" + s + "\" is not a positive number", r.getLocation());
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** An address, or null when absent or not an address (one odd record must not sink a whole host list). */
    private static IpAddress address(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return IpAddress.parse(s.strip());
        } catch (IpParseException e) {
            return null;
        }
    }

    /** An ISO date-time ({@code 2017-02-05T19:48:17Z}) or date; blanks inside are dropped (PDF line wraps); null if unreadable. */
    static Instant instant(String s) {
        if (s == null) {
            return null;
        }
        String t = withoutBlanks(s);
        if (t.isEmpty()) {
            return null;
        }
        Instant usual = usualInstant(t);
        if (usual != null) {
            return usual;
        }
        try {
            return Instant.parse(t.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /**
     * {@code 2017-02-05T19:48:17Z}, the form Qualys sends, read without the general parser (it is called once per
     * host, a million times a run, and the general one was a fifth of the host list's parsing); null for anything
     * else, which the general parser then reads or refuses.
     */
    private static Instant usualInstant(String t) {
        if (t.length() != 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != 'T' && t.charAt(10) != 't')
                || t.charAt(13) != ':' || t.charAt(16) != ':' || (t.charAt(19) != 'Z' && t.charAt(19) != 'z')) {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return Instant.ofEpochSecond(LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600L
                + minute * 60L + second);
    }

    /** The decimal number in {@code t} from {@code from} to {@code to}, or -1 when a character is not a digit. */
    private static int digits(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** {@code s} without whitespace; the string itself when it has none (the usual case: no pattern per host). */
    private static String withoutBlanks(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return s.replaceAll("\\s+", "");
            }
        }
        return s;
    }

    private static Warning readWarning(XMLStreamReader r) throws XMLStreamException {
        Integer code = null;
        String text = null, url = null;
        while (nextChild(r)) {
            switch (name(r)) {
                case "CODE" -> {
                    try {
                        code = Integer.valueOf(text(r));
                    } catch (NumberFormatException e) {
                        code = null;
                    }
                }
                case "TEXT" -> text = text(r).replaceAll("\\s+", " ");
                case "URL" -> url = text(r);
                default -> skip(r);
            }
        }
        return new Warning(code, text, url);
    }

    // ------------------------------------------------------------------------------------------- asset groups

    /** One page of ASSET_GROUP_LIST_OUTPUT (ASSET_GROUP_LIST, or ID_SET when only IDs were asked for). */
    static GroupPage readAssetGroups(InputStream in) throws XMLStreamException, IOException {
        XMLStreamReader r = openAtRoot(in);
        expectRoot(r, "ASSET_GROUP_LIST_OUTPUT");
        List<AssetGroup> groups = new ArrayList<>();
        Warning warning = null;
        while (nextChild(r)) {
            if (!name(r).equals("RESPONSE")) {
                skip(r);
                continue;
            }
            while (nextChild(r)) {
                switch (name(r)) {
                    case "ASSET_GROUP_LIST" -> {
                        while (nextChild(r)) {
                            if (name(r).equals("ASSET_GROUP")) {
                                groups.add(readGroup(r));
                            } else {
                                skip(r);
                            }
                        }
                    }
                    case "ID_SET" -> {
                        while (nextChild(r)) {
                            if (name(r).equals("ID")) {
                                groups.add(new AssetGroup(parseId(text(r), r), null, IpRangeSet.empty()));
                            } else {
                                skip(r);
                            }
                        }
                    }
                    case "WARNING" -> warning = readWarning(r);
                    default -> skip(r);
                }
            }
        }
        finish(r);
        return new GroupPage(groups, warning);
    }

    private static AssetGroup readGroup(XMLStreamReader r) throws XMLStreamException {
        long id = -1;
        String title = null;
        Long network = null, defaultAppliance = null;
        List<Long> appliances = List.of();
        IpRangeSet.Builder ips = IpRangeSet.builder();
        while (nextChild(r)) {
            switch (name(r)) {
                case "ID" -> id = parseId(text(r), r);
                case "TITLE" -> title = text(r);
                case "IP_SET" -> readIpSet(r, ips);
                case "NETWORK_ID" -> network = optionalId(text(r), r);
                case "DEFAULT_APPLIANCE_ID" -> defaultAppliance = optionalId(text(r), r);
                case "APPLIANCE_IDS" -> appliances = idList(text(r), r);
                default -> skip(r);
            }
        }
        if (id < 0) {
            throw new XMLStreamException("ASSET_GROUP without ID", r.getLocation());
        }
        return new AssetGroup(id, title, ips.build(), network, defaultAppliance, appliances);
    }

    /** An ID element that may be empty: null then. */
    private static Long optionalId(String s, XMLStreamReader r) throws XMLStreamException {
        return s.isEmpty() ? null : parseId(s, r);
    }

    /** IDs separated by commas and blanks, as in APPLIANCE_IDS {@code 43576, 43575}. */
    private static List<Long> idList(String s, XMLStreamReader r) throws XMLStreamException {
        List<Long> ids = new ArrayList<>();
        for (String part : s.split("[,\\s]+")) {
            if (!part.isEmpty()) {
                ids.add(parseId(part, r));
            }
        }
        return ids;
    }

    // ------------------------------------------------------------------------------------ networks, appliances

    /**
     * NETWORK_LIST_OUTPUT: each RESPONSE/NETWORK_LIST/NETWORK with its ID and NAME; everything else in a NETWORK (its
     * SCANNER_APPLIANCE_LIST among others) is skipped. No captured answer was available: the shape is what Qualys's
     * own migration scripts (Qualys/API_Driven_Migration) and third-party clients read, so fairly sure, but read
     * defensively (any order, unknown elements skipped, a missing NAME read as empty). docs/SYNC.md, "Qualys networks
     * and appliances".
     */
    static NetworkPage readNetworks(InputStream in) throws XMLStreamException, IOException {
        List<QualysNetwork> networks = new ArrayList<>();
        Warning warning = readList(in, "NETWORK_LIST_OUTPUT", "NETWORK_LIST", "NETWORK", r -> {
            long id = -1;
            String name = "";
            while (nextChild(r)) {
                switch (name(r)) {
                    case "ID" -> id = parseId(text(r), r);
                    case "NAME" -> name = text(r);
                    default -> skip(r);
                }
            }
            if (id < 0) {
                throw new XMLStreamException("NETWORK without ID", r.getLocation());
            }
            networks.add(new QualysNetwork(id, name));
        });
        return new NetworkPage(networks, warning);
    }

    /**
     * APPLIANCE_LIST_OUTPUT: each RESPONSE/APPLIANCE_LIST/APPLIANCE with its ID, NAME, NETWORK_ID (when Qualys sends
     * it) and STATUS; everything else is skipped. No captured answer was available: ID, NAME and STATUS are read by
     * several independent clients (fairly sure); NETWORK_ID by one client and one research table (less sure, hence
     * optional). docs/SYNC.md, "Qualys networks and appliances".
     */
    static AppliancePage readAppliances(InputStream in) throws XMLStreamException, IOException {
        List<ScannerAppliance> appliances = new ArrayList<>();
        Warning warning = readList(in, "APPLIANCE_LIST_OUTPUT", "APPLIANCE_LIST", "APPLIANCE", r -> {
            long id = -1;
            String name = "", status = null;
            Long network = null;
            while (nextChild(r)) {
                switch (name(r)) {
                    case "ID" -> id = parseId(text(r), r);
                    case "NAME" -> name = text(r);
                    case "NETWORK_ID" -> network = optionalId(text(r), r);
                    case "STATUS" -> status = emptyToNull(text(r));
                    default -> skip(r);
                }
            }
            if (id < 0) {
                throw new XMLStreamException("APPLIANCE without ID", r.getLocation());
            }
            appliances.add(new ScannerAppliance(id, name, network, status));
        });
        return new AppliancePage(appliances, warning);
    }

    /** Reads the element whose start tag is current, leaving the reader after its end tag. */
    @FunctionalInterface
    private interface ElementReader {
        void read(XMLStreamReader r) throws XMLStreamException;
    }

    /**
     * A list document {@code root}/RESPONSE/{@code list}/{@code item}: each {@code item} goes to {@code itemReader};
     * returns the WARNING, if any, so that a list Qualys truncates is followed to its end like the others.
     */
    private static Warning readList(InputStream in, String root, String list, String item, ElementReader itemReader)
            throws XMLStreamException, IOException {
        XMLStreamReader r = openAtRoot(in);
        expectRoot(r, root);
        Warning warning = null;
        while (nextChild(r)) {
            if (!name(r).equals("RESPONSE")) {
                skip(r);
                continue;
            }
            while (nextChild(r)) {
                if (name(r).equals(list)) {
                    while (nextChild(r)) {
                        if (name(r).equals(item)) {
                            itemReader.read(r);
                        } else {
                            skip(r);
                        }
                    }
                } else if (name(r).equals("WARNING")) {
                    warning = readWarning(r);
                } else {
                    skip(r);
                }
            }
        }
        finish(r);
        return warning;
    }
}
