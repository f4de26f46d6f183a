package io.assetmanager.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Against files written by the real nmap (Debian's nmap 7.93) scanning 127.0.0.1 only, committed under
 * src/test/resources/nmap, and against live nmap output when nmap is installed.
 */
class NmapXmlParserTest {

    private final NmapXmlParser parser = new NmapXmlParser();

    static String fixture(String name) throws IOException {
        try (InputStream in = NmapXmlParserTest.class.getResourceAsStream("/nmap/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aPingScanGivesTheHostThatIsUpWithItsName() throws IOException {
        ParsedUpload parsed = ParsedUpload.parse(parser, fixture("nmap-ping-127.0.0.1.xml"));
        assertThat(parsed.problemTexts()).isEmpty();
        assertThat(parsed.hosts()).containsExactly("8 127.0.0.1 localhost null null");
    }

    @Test
    void aPortScanGivesTheSameHostAndIgnoresThePorts() throws IOException {
        ParsedUpload parsed = ParsedUpload.parse(parser, fixture("nmap-ports-127.0.0.1.xml"));
        assertThat(parsed.problemTexts()).isEmpty();
        assertThat(parsed.hosts()).singleElement().asString().endsWith(" 127.0.0.1 localhost null null");
    }

    @Test
    void hostsNotUpAreSkipped() throws IOException {
        // A list scan (-sL) sends nothing, so nmap reports the host's state as "unknown".
        String listScan = fixture("nmap-list-127.0.0.1.xml");
        assertThat(listScan).contains("state=\"unknown\"");
        ParsedUpload parsed = ParsedUpload.parse(parser, listScan);
        assertThat(parsed.problemTexts()).isEmpty();
        assertThat(parsed.hosts()).isEmpty();
        String down = fixture("nmap-ping-127.0.0.1.xml").replace("state=\"up\"", "state=\"down\"");
        assertThat(ParsedUpload.parse(parser, down).hosts()).isEmpty();
    }

    @Test
    void readsTheMacAddressNmapReportsOnALocalLink() throws IOException {
        // Loopback has no MAC; this is the element nmap writes for a host on the local Ethernet.
        String withMac = fixture("nmap-ping-127.0.0.1.xml").replace("<address addr=\"127.0.0.1\" addrtype=\"ipv4\"/>",
                "<address addr=\"127.0.0.1\" addrtype=\"ipv4\"/>\n"
                        + "<address addr=\"52:54:00:12:34:56\" addrtype=\"mac\" vendor=\"QEMU virtual NIC\"/>");
        assertThat(ParsedUpload.parse(parser, withMac).hosts())
                .singleElement().asString().endsWith("127.0.0.1 localhost 52:54:00:12:34:56 null");
    }

    @Test
    void anXxePayloadIsRefusedAndNothingIsRead() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE nmaprun [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
                <nmaprun><host><status state="up"/><address addr="10.0.0.1" addrtype="ipv4"/>
                <hostnames><hostname name="&xxe;" type="PTR"/></hostnames></host></nmaprun>
                """;
        ParsedUpload parsed = ParsedUpload.parse(parser, xxe);
        assertThat(parsed.hosts()).isEmpty();
        assertThat(parsed.problemTexts()).singleElement().asString()
                .startsWith("line 2: a DOCTYPE with declarations or an external DTD is refused");
    }

    @Test
    void anExternalDtdIsRefusedAndAnUndeclaredEntityIsBrokenXml() {
        String external = "<?xml version=\"1.0\"?>\n<!DOCTYPE nmaprun SYSTEM \"http://127.0.0.1:1/x.dtd\">\n<nmaprun/>";
        assertThat(ParsedUpload.parse(parser, external).problemTexts()).singleElement().asString()
                .startsWith("line 2: a DOCTYPE");
        String undeclared = "<nmaprun>\n<host><status state=\"up\"/><address addr=\"&xxe;\" addrtype=\"ipv4\"/></host>\n</nmaprun>";
        ParsedUpload parsed = ParsedUpload.parse(parser, undeclared);
        assertThat(parsed.hosts()).isEmpty();
        assertThat(parsed.problemTexts()).singleElement().asString().startsWith("line 2: broken XML").contains("xxe");
    }

    @Test
    void brokenXmlAndOtherXmlAreRejectedWithTheirLine() throws IOException {
        String truncated = fixture("nmap-ping-127.0.0.1.xml").replace("</hostnames>", "</hostname>");
        assertThat(ParsedUpload.parse(parser, truncated).problemTexts()).singleElement().asString()
                .startsWith("line 12: broken XML").contains("</hostnames>");
        assertThat(ParsedUpload.parse(parser, "<?xml version=\"1.0\"?>\n<hosts/>").problemTexts())
                .containsExactly("line 2: not nmap XML output: the root element is <hosts>, expected <nmaprun> (nmap -oX)");
        String badAddress = fixture("nmap-ping-127.0.0.1.xml").replace("127.0.0.1\" addrtype", "127.0.0.999\" addrtype");
        assertThat(ParsedUpload.parse(parser, badAddress).problemTexts()).singleElement().asString()
                .startsWith("line 8: ip: '127.0.0.999'");
    }

    @Test
    void readsWhatTheInstalledNmapWritesForLoopback() throws Exception {
        Path nmap = Path.of("/usr/bin/nmap");
        assumeTrue(Files.isExecutable(nmap), "nmap is not installed (apt-get install nmap); the committed files still run");
        Process scan = new ProcessBuilder(nmap.toString(), "-sn", "-oX", "-", "127.0.0.1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] xml = scan.getInputStream().readAllBytes();
        assertThat(scan.waitFor(60, TimeUnit.SECONDS)).isTrue();
        ParsedUpload parsed = ParsedUpload.parse(parser, new String(xml, StandardCharsets.UTF_8));
        assertThat(parsed.problemTexts()).isEmpty();
        assertThat(parsed.hosts()).singleElement().asString().contains(" 127.0.0.1 ");
    }
}
