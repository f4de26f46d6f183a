package io.assetmanager.qualys.api;

import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.platform.Sleeper;
import io.assetmanager.qualys.api.QualysRequestExecutor.BodyReader;
import io.assetmanager.qualys.api.QualysRequestExecutor.Call;

import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;

/**
 * Client for the Qualys API v2 calls Asset Manager needs: subscribed IPs, scanned hosts, asset groups, and the
 * networks and scanner appliances a group can be placed in.
 * A plain Java object (no container needed); thread-safe; close it when done. All HTTP, limits and retries live in
 * {@link QualysRequestExecutor}; the methods here only say what to send and how to read the answer.
 */
public final class QualysClient implements AutoCloseable {

    private static final String IP_PATH = "/api/2.0/fo/asset/ip/";
    private static final String GROUP_PATH = "/api/2.0/fo/asset/group/";
    private static final String NETWORK_PATH = "/api/2.0/fo/network/";
    private static final String APPLIANCE_PATH = "/api/2.0/fo/appliance/";

    /** Qualys's "User license is not authorized to run this API". */
    private static final int LICENCE_REFUSED = 2012;

    private final QualysConfig config;
    private final QualysRequestExecutor http;

    public QualysClient(QualysConfig config) {
        this(config, Sleeper.REAL, Clock.systemUTC());
    }

    /** With its own sleeper and clock for rate-limit waits and back-off (tests pass ones they control). */
    QualysClient(QualysConfig config, Sleeper sleeper, Clock clock) {
        this.config = Objects.requireNonNull(config);
        this.http = new QualysRequestExecutor(config, sleeper, clock);
    }

    /** HTTP requests sent so far (retries included). */
    public long callCount() {
        return http.callCount();
    }

    /** Time spent waiting on rate limits, concurrency limits and retry back-off so far, in seconds (rounded up). */
    public long waitedSeconds() {
        return (http.waitedMillis() + 999) / 1000;
    }

    /**
     * The limit headers of the last answer from {@code api}: Qualys counts calls per API, so each has its own
     * {@code X-RateLimit-Remaining}. {@link RateLimitStatus#NONE} until that API answered.
     */
    public RateLimitStatus limits(QualysApi api) {
        return http.limits(switch (api) {
            case SUBSCRIPTION -> IP_PATH;
            case HOST_LIST -> hostPath();
            case ASSET_GROUP -> GROUP_PATH;
            case NETWORK -> NETWORK_PATH;
            case APPLIANCE -> APPLIANCE_PATH;
        });
    }

    /** The host-list page size and the largest write request, for planning calls. */
    public RequestSizes sizes() {
        return config.sizes();
    }

    private String hostPath() {
        return "/api/" + config.hostListApiVersion() + "/fo/asset/host/";
    }

    /** A cheap call that proves URL, credentials and API access: one host ID from the host list. */
    public ConnectionCheck testConnection() throws QualysException {
        Call call = Call.post("test connection", config.baseUri(), hostPath(), "list",
                Map.of("details", "None", "truncation_limit", "1"), true);
        QualysXml.HostPage page = http.execute(call, in -> QualysXml.readHostPage(in, h -> { }));
        return new ConnectionCheck(page.datetime(), http.lastLimits());
    }

    // ------------------------------------------------------------------------------------------ subscription

    /** The subscription's IPs (every IP and IP_RANGE of {@code /api/2.0/fo/asset/ip/?action=list}). */
    public IpRangeSet listSubscribedIps() throws QualysException {
        return listSubscribedIps(null);
    }

    /** The subscribed IPs within {@code filter} (Qualys's {@code ips} parameter); all of them when null. IPv4 only. */
    public IpRangeSet listSubscribedIps(IpRangeSet filter) throws QualysException {
        Map<String, String> form = new LinkedHashMap<>();
        String name = "list subscribed IPs";
        if (filter != null) {
            requireIpv4(filter, name);
            if (filter.isEmpty()) {
                return IpRangeSet.empty();
            }
            // The filter comes from our own chunks, so it is short; a long one is split and the answers joined.
            List<String> chunks = config.sizes().ipChunks(filter);
            if (chunks.size() > 1) {
                IpRangeSet.Builder all = IpRangeSet.builder();
                for (String chunk : chunks) {
                    all.addAll(listSubscribedIps(IpRangeSet.parseList(chunk)));
                }
                return all.build();
            }
            form.put("ips", chunks.get(0));
        }
        Call call = Call.post(name, config.baseUri(), IP_PATH, "list", form, true);
        return http.execute(call, QualysXml::readIpList);
    }

    /**
     * Adds IPv4 addresses and ranges to the subscription with VM enabled ({@code action=add}, POST, {@code enable_vm=1}),
     * split into requests of at most {@link QualysConfig#maxPostBytes()} bytes of body. After a timeout or server error
     * the subscription is listed again to learn whether the chunk was added; a chunk is never sent twice.
     *
     * @throws IllegalArgumentException when {@code ips} holds IPv6 (Qualys's IP list takes IPv4 only)
     */
    public void addIps(IpRangeSet ips) throws QualysException {
        String name = "add IPs to the subscription";
        requireIpv4(ips, name);
        for (String chunk : config.sizes().ipChunks(ips)) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("ips", chunk);
            form.put("enable_vm", "1");
            Call call = Call.post(name, config.baseUri(), IP_PATH, "add", form, false);
            // When the answer was lost but the chunk is listed, it happened after all: carry on with the next chunk.
            writeOnce(name, "add request", () -> http.execute(call, QualysXml::readSuccess),
                    "listing the subscription again shows it was not applied", () -> {
                        IpRangeSet wanted = IpRangeSet.parseList(chunk);
                        return Optional.of(listSubscribedIps(wanted)).filter(wanted::equals);
                    });
        }
    }

    // ---------------------------------------------------------------------------------------------- host list

    /** The host list with {@code details=All} (includes last scan dates); see {@link #listHosts(HostDetails, QualysHostSink)}. */
    public HostListSummary listHosts(QualysHostSink sink) throws QualysException {
        return listHosts(HostDetails.ALL, sink);
    }

    /**
     * Streams every scanned host to {@code sink}, page by page ({@link QualysConfig#truncationLimit()} records a page,
     * 0 for one page), following each WARNING 1980 URL as Qualys gives it. The client keeps no hosts. A page that
     * fails part-way is fetched again and resumes after the last host delivered (Qualys sorts hosts by ID), so the
     * sink sees each host once; if it throws, the listing stops with that exception.
     */
    public HostListSummary listHosts(HostDetails details, QualysHostSink sink) throws QualysException {
        Objects.requireNonNull(sink);
        String name = "list scanned hosts";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("details", details.parameter());
        form.put("truncation_limit", Integer.toString(config.truncationLimit()));
        Call call = Call.post(name, config.baseUri(), hostPath(), "list", form, true);
        ResumingSink resuming = new ResumingSink(sink);
        int limit = config.truncationLimit();
        int pages = readPages(call, resuming.reader(), (page, number) -> sink.pageDone(number, resuming.endPage()),
                pagesSoFar -> hostPagesAllowed(pagesSoFar, resuming.delivered, limit));
        return new HostListSummary(resuming.delivered, pages, http.lastLimits());
    }

    /**
     * Whether the host list may have a page after {@code pages} pages that delivered {@code delivered} hosts: Qualys
     * cuts a page at {@code limit} records and gives a next-page URL only then, so every page before the next one is
     * full. A next page that the hosts delivered do not account for (a server that sends pages with few hosts but
     * ever another URL) would make a run that never ends; without truncation (0) there is one page only.
     */
    static Optional<String> hostPagesAllowed(int pages, long delivered, int limit) {
        if (limit == 0) {
            return Optional.of("the host list was asked for in one page (truncation_limit=0), yet Qualys gave a next"
                    + " page");
        }
        if (delivered < (long) pages * limit) {
            return Optional.of(pages + " pages of at most " + limit + " hosts brought " + delivered + " hosts, so page "
                    + pages + " was the last, yet Qualys gave page " + (pages + 1) + ": more pages than the totals"
                    + " allow");
        }
        return Optional.empty();
    }

    /** Judges, before the page after {@code pagesSoFar} is fetched, whether there may be one: a reason when not. */
    private interface PageBudget {
        Optional<String> beforeNext(int pagesSoFar);
    }

    private <P extends QualysXml.Page> int readPages(Call first, BodyReader<P> reader, ObjIntConsumer<P> onPage)
            throws QualysException {
        return readPages(first, reader, onPage, pagesSoFar -> Optional.empty());
    }

    /**
     * Fetches {@code first} and every page after it, following each WARNING 1980 URL as Qualys gives it, and hands
     * each page to {@code onPage} with its 1-based number. Returns the number of pages. A next-page URL that repeats
     * any earlier one (A, B, A: not only the same twice in a row), or a page {@code budget} refuses, fails the list:
     * following it would read pages without end or hand on hosts twice.
     */
    private <P extends QualysXml.Page> int readPages(Call first, BodyReader<P> reader, ObjIntConsumer<P> onPage,
            PageBudget budget) throws QualysException {
        String name = first.name();
        Call call = first;
        Map<String, Integer> followed = new HashMap<>();
        for (int pages = 1; ; pages++) {
            P page = http.execute(call, reader);
            onPage.accept(page, pages);
            QualysXml.Warning w = page.warning();
            if (w == null || !w.isNextPage()) {
                return pages;
            }
            URI next = nextPage(name, w.url());
            Integer earlier = followed.putIfAbsent(next.toString(), pages + 1);
            if (earlier != null) {
                throw new QualysException.MalformedResponse(name, 200, "Qualys's next-page URL after page " + pages
                        + " repeats page " + earlier + " (" + w.url().strip() + "): the pages go round in a loop",
                        null);
            }
            Optional<String> refused = budget.beforeNext(pages);
            if (refused.isPresent()) {
                throw new QualysException.MalformedResponse(name, 200, refused.get() + " (next-page URL "
                        + w.url().strip() + ")", null);
            }
            call = Call.get(name, next, true);
        }
    }

    /**
     * The next-page URL is used as an opaque value, except that it is always sent to the configured server (the
     * credentials never go anywhere else): only its path and query are taken.
     */
    private URI nextPage(String name, String url) throws QualysException {
        try {
            URI u = new URI(url.strip());
            if (u.getRawPath() == null || !u.getRawPath().startsWith("/api/")) {
                throw new URISyntaxException(url, "not a Qualys API path");
            }
            if (u.getHost() != null && !u.getHost().equalsIgnoreCase(config.baseUri().getHost())) {
                System.getLogger(QualysClient.class.getName()).log(System.Logger.Level.INFO,
                        "next-page URL names host {0}; sending it to the configured {1}", u.getHost(),
                        config.baseUri().getHost());
            }
            return URI.create(config.baseUri() + u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new QualysException.MalformedResponse(name, 200, "WARNING 1980 carries an unusable URL: " + url, e);
        }
    }

    /** Passes hosts on and, when a page is fetched again, skips those already delivered. */
    private static final class ResumingSink implements Consumer<QualysHost> {
        private final QualysHostSink sink;
        long delivered;
        private long inPage;
        private long maxId = -1;
        private boolean ordered = true;
        private boolean replaying;

        ResumingSink(QualysHostSink sink) {
            this.sink = sink;
        }

        /** Hosts delivered since the last call: those of the page just completed. */
        long endPage() {
            long n = inPage;
            inPage = 0;
            return n;
        }

        @Override
        public void accept(QualysHost h) {
            if (replaying) {
                if (h.id() <= maxId) {
                    return;
                }
                replaying = false;
            }
            if (h.id() <= maxId) {
                ordered = false;
            }
            maxId = Math.max(maxId, h.id());
            delivered++;
            inPage++;
            sink.accept(h);
        }

        BodyReader<QualysXml.HostPage> reader() {
            return new BodyReader<>() {
                @Override
                public QualysXml.HostPage read(InputStream body) throws XMLStreamException, IOException {
                    return QualysXml.readHostPage(body, ResumingSink.this);
                }

                @Override
                public void beforeAttempt(int attempt) {
                    replaying = attempt > 1;
                }

                @Override
                public boolean canRetry() {
                    return ordered;
                }
            };
        }
    }

    // ------------------------------------------------------------------------------------------- asset groups

    /** The asset group with exactly this title, if there is one (lowest ID if Qualys has several). */
    public Optional<AssetGroup> findAssetGroupByTitle(String title) throws QualysException {
        Objects.requireNonNull(title);
        Optional<AssetGroup> found = Optional.empty();
        for (AssetGroup g : listGroups("find asset group by title", Map.of("title", title))) {
            if (title.equals(g.title()) && (found.isEmpty() || g.id() < found.get().id())) {
                found = Optional.of(g);
            }
        }
        return found;
    }

    /** The asset group with this ID, or empty when it does not exist (for instance deleted in Qualys). */
    /**
     * The asset groups with these IDs that exist, by ID: one list call per {@value #IDS_PER_LIST} IDs ({@code ids}
     * as a comma list), where asking one by one took a call per group.
     */
    public Map<Long, AssetGroup> findAssetGroupsById(Collection<Long> ids) throws QualysException {
        List<Long> wanted = ids.stream().distinct().sorted().toList();
        Map<Long, AssetGroup> found = new LinkedHashMap<>();
        for (int from = 0; from < wanted.size(); from += IDS_PER_LIST) {
            List<Long> chunk = wanted.subList(from, Math.min(wanted.size(), from + IDS_PER_LIST));
            String list = String.join(",", chunk.stream().map(String::valueOf).toList());
            for (AssetGroup g : listGroups("find asset groups by ID", Map.of("ids", list))) {
                if (chunk.contains(g.id())) {
                    found.put(g.id(), g);
                }
            }
        }
        return found;
    }

    /** IDs asked for in one group list: a short request whatever the number of zones. */
    static final int IDS_PER_LIST = 500;

    public Optional<AssetGroup> findAssetGroupById(long id) throws QualysException {
        for (AssetGroup g : listGroups("find asset group by ID", Map.of("ids", Long.toString(id)))) {
            if (g.id() == id) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    private List<AssetGroup> listGroups(String name, Map<String, String> filter) throws QualysException {
        List<AssetGroup> out = new ArrayList<>();
        readPages(Call.post(name, config.baseUri(), GROUP_PATH, "list", filter, true), QualysXml::readAssetGroups,
                (page, number) -> out.addAll(page.groups()));
        return out;
    }

    /**
     * Creates an asset group and returns its ID (from ITEM_LIST). Long IP sets are sent in chunks: the first with
     * the create, the rest as {@code add_ips} edits. After a timeout or server error, the group is looked up by title
     * instead of being created a second time.
     *
     * @throws IllegalArgumentException when {@code ips} holds IPv6
     */
    public long createAssetGroup(String title, IpRangeSet ips) throws QualysException {
        return createAssetGroup(title, ips, null);
    }

    /**
     * Creates an asset group in a network, scanned by the given appliances ({@code network_id}, {@code appliance_ids}
     * and {@code default_appliance_id} on the create), and returns its ID; otherwise as
     * {@link #createAssetGroup(String, IpRangeSet)}. The network cannot be changed afterwards: Qualys has no parameter
     * for it. Qualys refuses an unknown network or appliance, and an appliance of another network than the group's
     * ({@link QualysException.BadRequest}, naming the parameter).
     *
     * @param scanners the group's network and appliances; null to send none
     * @throws IllegalArgumentException when {@code ips} holds IPv6
     */
    public long createAssetGroup(String title, IpRangeSet ips, GroupScanners scanners) throws QualysException {
        String name = "create asset group";
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("asset group title is required");
        }
        requireIpv4(ips, name);
        List<String> chunks = config.sizes().ipChunks(ips);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("title", title);
        if (!chunks.isEmpty()) {
            form.put("ips", chunks.get(0));
        }
        if (scanners != null) {
            if (scanners.networkId() != null) {
                form.put("network_id", Long.toString(scanners.networkId()));
            }
            if (!scanners.applianceIds().isEmpty()) {
                form.put("appliance_ids", scanners.applianceIdsParameter());
            }
            if (scanners.defaultApplianceId() != null) {
                form.put("default_appliance_id", Long.toString(scanners.defaultApplianceId()));
            }
        }
        Call call = Call.post(name, config.baseUri(), GROUP_PATH, "add", form, false);
        Written<Long, AssetGroup> created = writeOnce(name, "create request", () -> sendCreate(call, title),
                "no group titled \"" + title + "\" exists", () -> findAssetGroupByTitle(title));
        if (created.found() != null) {
            AssetGroup g = created.found();
            if (!g.ips().equals(ips)) {
                editAssetGroupIps(g.id(), g.ips(), planGroupEdits(g.ips(), ips), after -> { });
            }
            return g.id();
        }
        long id = created.result();
        if (chunks.size() > 1) {
            IpRangeSet first = IpRangeSet.parseList(chunks.get(0));
            editAssetGroupIps(id, first, planGroupEdits(first, ips), after -> { });
        }
        return id;
    }

    /** Sends the create and returns the new group's ID from ITEM_LIST, or looked up by title when Qualys left it out. */
    private long sendCreate(Call call, String title) throws QualysException {
        QualysXml.SimpleReturn sr = http.execute(call, QualysXml::readSuccess);
        String idText = sr.item("ID");
        if (idText != null && idText.strip().matches("[0-9]+")) {
            return Long.parseLong(idText.strip());
        }
        return findAssetGroupByTitle(title).map(AssetGroup::id).orElseThrow(() ->
                new QualysException.MalformedResponse(call.name(), 200, "Qualys answered \"" + sr.text()
                        + "\" without the new group's ID, and no group titled \"" + title + "\" is listed", null));
    }

    /**
     * Replaces the group's IPs without knowing what it holds: {@code set_ips} with the first chunk and {@code add_ips}
     * with the rest (an empty set clears the group). See {@link #editAssetGroupIps}.
     *
     * @throws IllegalArgumentException when {@code ips} holds IPv6
     */
    public void replaceAssetGroupIps(long id, IpRangeSet ips) throws QualysException {
        editAssetGroupIps(id, null, planGroupEdits(null, ips), after -> { });
    }

    /**
     * The edits that turn a group holding {@code holds} into one holding {@code wanted}, in as few requests as
     * possible: by difference ({@code remove_ips}, then {@code add_ips}) or by replacement ({@code set_ips} with the
     * first chunk, {@code add_ips} with the rest), whichever takes fewer; none when the group holds what is wanted.
     *
     * @param holds what the group holds, as Qualys listed it; null when unknown (always a replacement)
     * @throws IllegalArgumentException when {@code wanted} holds IPv6
     */
    public GroupEdits planGroupEdits(IpRangeSet holds, IpRangeSet wanted) {
        requireIpv4(wanted, "edit asset group IPs");
        return config.sizes().planGroupEdits(holds, wanted);
    }

    /**
     * Sends the edits in order ({@code action=edit}, POST), telling {@code applied} what the group holds after each.
     * After a timeout or server error the group is listed again: if it holds what the edit was to leave, all is well;
     * if not, the failure is reported and nothing is repeated. When an edit fails, the group holds what
     * {@code applied} was told last (or what it held before the first edit).
     */
    public void editAssetGroupIps(long id, IpRangeSet holds, GroupEdits edits, Consumer<IpRangeSet> applied)
            throws QualysException {
        IpRangeSet current = holds == null ? IpRangeSet.empty() : holds;
        for (GroupEdits.Edit e : edits.edits()) {
            IpRangeSet before = current;
            edit(id, Map.of(e.parameter(), e.ips()), g -> g.ips().equals(e.applyTo(before)), "edit asset group IPs");
            current = e.applyTo(before);
            applied.accept(current);
        }
    }

    /**
     * Sets the scanner appliances of a group ({@code set_appliance_ids} and {@code set_default_appliance_id}, one
     * edit), its network staying what it was created with. The default appliance is listed among the others when it
     * is missing there. An empty list with no default clears them.
     */
    public void setAssetGroupAppliances(long id, List<Long> applianceIds, Long defaultApplianceId)
            throws QualysException {
        GroupScanners wanted = new GroupScanners(null, applianceIds, defaultApplianceId);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("set_appliance_ids", wanted.applianceIdsParameter());
        if (defaultApplianceId != null) {
            form.put("set_default_appliance_id", Long.toString(defaultApplianceId));
        }
        Set<Long> ids = Set.copyOf(wanted.applianceIds());
        edit(id, form, g -> Set.copyOf(g.applianceIds()).equals(ids)
                && (defaultApplianceId == null || defaultApplianceId.equals(g.defaultApplianceId())),
                "edit asset group appliances");
    }

    /** Gives a group another title ({@code set_title}, one edit); listed again after a lost answer. */
    public void renameAssetGroup(long id, String title) throws QualysException {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("asset group title is required");
        }
        edit(id, Map.of("set_title", title), g -> title.equals(g.title()), "rename asset group");
    }

    /**
     * Deletes an asset group ({@code action=delete}, POST). After a timeout or server error the group is looked up
     * again: gone means deleted. A group already gone when asked (Qualys refuses the unknown ID) counts as deleted.
     */
    public void deleteAssetGroup(long id) throws QualysException {
        String name = "delete asset group";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("id", Long.toString(id));
        Call call = Call.post(name, config.baseUri(), GROUP_PATH, "delete", form, false);
        try {
            writeOnce(name, "delete of asset group " + id, () -> http.execute(call, QualysXml::readSuccess),
                    "the group is still listed", () -> findAssetGroupById(id).isEmpty() ? Optional.of(id)
                            : Optional.empty());
        } catch (QualysException.BadRequest e) {
            if (findAssetGroupById(id).isPresent()) {
                throw e;
            }
        }
    }

    /** @param applied whether a group, listed again, shows the edit applied; only asked if the edit seems to fail */
    private void edit(long id, Map<String, String> parameters, Predicate<AssetGroup> applied, String name)
            throws QualysException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("id", Long.toString(id));
        form.putAll(parameters);
        Call call = Call.post(name, config.baseUri(), GROUP_PATH, "edit", form, false);
        writeOnce(name, "edit of asset group " + id, () -> http.execute(call, QualysXml::readSuccess),
                "listing the group again shows it was not applied", () -> findAssetGroupById(id).filter(applied));
    }

    // --------------------------------------------------------------------------------- networks and appliances

    /**
     * The subscription's networks ({@code /api/2.0/fo/network/?action=list}), the Global Default Network (ID 0)
     * included when Qualys lists it.
     *
     * <p>A subscription without the Networks feature (Network Support) is refused by Qualys; that refusal is thrown as
     * {@link QualysException.NetworksNotEnabled} rather than answered with an empty list. An empty list would read
     * as "there are no networks" and let a caller carry on mapping zones to nothing, pushing nothing, with no error
     * anywhere (the commonest complaint about such connectors); and what Qualys answers then is not documented, so
     * the exception keeps Qualys's own code and text for the person who reads it. Other failures are thrown as
     * they are (bad credentials, limits, server errors).
     */
    public List<QualysNetwork> listNetworks() throws QualysException {
        List<QualysNetwork> out = new ArrayList<>();
        try {
            readPages(Call.post("list networks", config.baseUri(), NETWORK_PATH, "list", Map.of(), true),
                    QualysXml::readNetworks, (page, number) -> out.addAll(page.networks()));
        } catch (QualysException.BadRequest e) {
            throw new QualysException.NetworksNotEnabled(e);
        } catch (QualysException.AccountProblem e) {
            if (e.qualysCode().orElse(0) == LICENCE_REFUSED) {
                throw new QualysException.NetworksNotEnabled(e);
            }
            throw e;
        }
        return out;
    }

    /**
     * The subscription's scanner appliances ({@code /api/2.0/fo/appliance/?action=list}), each with its network when
     * Qualys gives one (with the Networks feature) and its status.
     */
    public List<ScannerAppliance> listAppliances() throws QualysException {
        List<ScannerAppliance> out = new ArrayList<>();
        readPages(Call.post("list scanner appliances", config.baseUri(), APPLIANCE_PATH, "list", Map.of(), true),
                QualysXml::readAppliances, (page, number) -> out.addAll(page.appliances()));
        return out;
    }

    /** A write's request and answer. */
    @FunctionalInterface
    private interface Write<T> {
        T send() throws QualysException;
    }

    /** Lists again after a write whose answer was lost: what shows the write happened, or empty when nothing does. */
    @FunctionalInterface
    private interface Recheck<F> {
        Optional<F> find() throws QualysException;
    }

    /** What a write came to: its result, or (its answer lost) what listing again found. Exactly one is non-null. */
    private record Written<T, F>(T result, F found) {
    }

    /**
     * Sends a write once. Writes are not idempotent at Qualys (an add or create whose answer was lost may have
     * happened), so after a timeout or server error {@code recheck} lists again instead of repeating the write; when
     * it finds nothing, the failure is reported as not applied.
     *
     * @param attempted  what was sent, for the message (e.g. {@code create request})
     * @param notApplied what listing again showed when it found nothing, for the message
     */
    private <T, F> Written<T, F> writeOnce(String name, String attempted, Write<T> write, String notApplied,
                                          Recheck<F> recheck) throws QualysException {
        try {
            return new Written<>(write.send(), null);
        } catch (QualysException.Transport | QualysException.ServerError e) {
            F found = recheck.find().orElseThrow(() -> new QualysException.Transport(name, "the " + attempted
                    + " failed (" + e.getMessage() + ") and " + notApplied + "; it was not repeated", e));
            return new Written<>(null, found);
        }
    }

    private static void requireIpv4(IpRangeSet ips, String call) {
        Objects.requireNonNull(ips, "ips");
        IpRangeSet v6 = ips.ipv6();
        if (!v6.isEmpty()) {
            IpRange first = v6.range(0);
            throw new IllegalArgumentException("\"" + call + "\" takes IPv4 only, but the set holds " + v6.rangeCount()
                    + " IPv6 range(s), e.g. " + first + "; Qualys's IP and asset group endpoints do not accept IPv6");
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
