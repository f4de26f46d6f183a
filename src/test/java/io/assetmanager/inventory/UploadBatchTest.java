package io.assetmanager.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assetmanager.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class UploadBatchTest {

    @Test
    void ordersIpv4AddressesUnsignedAndTheLaterDuplicateInAZoneWins() {
        UploadBatch batch = new UploadBatch(100);
        batch.host(1, IpAddress.parse("200.0.0.1"), "a", null, null);
        batch.host(2, IpAddress.parse("10.0.0.1"), null, null, null);
        batch.host(3, IpAddress.parse("200.0.0.1"), "b", null, "z");
        batch.host(4, IpAddress.parse("127.255.255.255"), null, null, null);
        batch.host(5, IpAddress.parse("128.0.0.0"), null, null, null);
        batch.host(6, IpAddress.parse("200.0.0.1"), "c", null, null);
        batch.sortAndDeduplicate();
        // 200.0.0.1 is a host of the default zone (line 6 wins over line 1) and one of zone z.
        assertThat(addresses(batch)).containsExactly("10.0.0.1", "127.255.255.255", "128.0.0.0", "200.0.0.1",
                "200.0.0.1");
        assertThat(batch.hostname(3)).isEqualTo("c");
        assertThat(batch.zone(3)).isNull();
        assertThat(batch.hostname(4)).isEqualTo("b");
        assertThat(batch.zone(4)).isEqualTo("z");
        assertThat(batch.hostname(0)).isNull();
    }

    @Test
    void theUploadsZoneDecidesWhichLinesAreOneHost() {
        UploadBatch batch = new UploadBatch(100);
        batch.host(1, IpAddress.parse("10.0.0.1"), "from-nmap", null, null);
        batch.host(2, IpAddress.parse("10.0.0.1"), "from-csv", null, "dc");
        batch.sortAndDeduplicate();
        assertThat(batch.distinctHosts()).isEqualTo(2);
        batch.setUploadZone("dc");
        assertThat(batch.distinctHosts()).isEqualTo(1);
        assertThat(batch.hostname(0)).isEqualTo("from-csv");
        batch.setUploadZone("lab");
        assertThat(batch.distinctHosts()).isEqualTo(2);
        assertThat(List.of(batch.zone(0), batch.zone(1))).containsExactly("dc", "lab");
    }

    @Test
    void ordersMixedFamiliesByTheirStorageOrder() {
        UploadBatch batch = new UploadBatch(100);
        for (String ip : new String[] {"2001:db8::1", "10.0.0.1", "::1", "ffff::", "10.0.0.1", "fe80::1"}) {
            batch.host(1, IpAddress.parse(ip), null, null, null);
        }
        batch.sortAndDeduplicate();
        assertThat(addresses(batch)).containsExactly("::1", "10.0.0.1", "2001:db8::1", "fe80::1", "ffff::");
    }

    @Test
    void agreesWithASortedMapOnRandomInput() {
        Random random = new Random(42);
        UploadBatch batch = new UploadBatch(10_000);
        TreeMap<IpAddress, String> model = new TreeMap<>();
        for (int i = 0; i < 5_000; i++) {
            IpAddress ip = random.nextInt(10) == 0 ? IpAddress.of(random.nextLong(), random.nextLong())
                    : IpAddress.ofIpv4(random.nextInt(4096) * 1_048_573L % 0x1_0000_0000L);
            String hostname = "h" + i;
            batch.host(i, ip, hostname, null, null);
            model.put(ip, hostname);
        }
        batch.sortAndDeduplicate();
        assertThat(batch.distinctHosts()).isEqualTo(model.size());
        int k = 0;
        for (var entry : model.entrySet()) {
            assertThat(batch.ip(k)).isEqualTo(entry.getKey());
            assertThat(batch.hostname(k)).isEqualTo(entry.getValue());
            k++;
        }
    }

    @Test
    void refusesMoreHostsThanTheLimit() {
        UploadBatch batch = new UploadBatch(2);
        batch.host(1, IpAddress.parse("10.0.0.1"), null, null, null);
        batch.host(2, IpAddress.parse("10.0.0.2"), null, null, null);
        assertThatThrownBy(() -> batch.host(3, IpAddress.parse("10.0.0.3"), null, null, null))
                .isInstanceOf(UploadTooLargeException.class).hasMessageContaining("limit of 2 hosts");
    }

    private static List<String> addresses(UploadBatch batch) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < batch.distinctHosts(); k++) {
            out.add(batch.ip(k).toString());
        }
        return out;
    }
}
