package io.assetmanager.qualys.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.stream.XMLStreamException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the host-list reader refuses in a Qualys answer, and what it never does (read a file, fetch a DTD). */
class QualysXmlRefusalsTest {

    private static final String HOST = "<HOST_LIST_OUTPUT><RESPONSE><HOST_LIST><HOST><ID>1</ID><IP>10.0.0.1</IP>"
            + "<DNS>%s</DNS></HOST></HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>";

    private static List<QualysHost> read(String xml) throws Exception {
        List<QualysHost> hosts = new ArrayList<>();
        QualysXml.readHostPage(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), hosts::add);
        return hosts;
    }

    @Test
    void anExternalEntityIsRefusedAndTheFileIsNotRead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "secret-of-the-server");
        String xml = "<!DOCTYPE HOST_LIST_OUTPUT [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + HOST.formatted("&xxe;");
        assertThatThrownBy(() -> read(xml)).isInstanceOf(XMLStreamException.class)
                .hasMessageContaining("xxe").hasMessageNotContaining("secret-of-the-server");
    }

    @Test
    void entitiesTheDocumentDeclaresAreNotExpanded() {
        String laughs = "<!DOCTYPE HOST_LIST_OUTPUT [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>" + HOST.formatted("&c;");
        assertThatThrownBy(() -> read(laughs)).isInstanceOf(XMLStreamException.class).hasMessageContaining("\"c\"");
    }

    @Test
    void theExternalDtdQualysNamesIsNeverFetched() throws Exception {
        try (ServerSocket dtdServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String xml = "<!DOCTYPE HOST_LIST_OUTPUT SYSTEM \"http://127.0.0.1:" + dtdServer.getLocalPort()
                    + "/host_list_output.dtd\">" + HOST.formatted("host.example &amp; co");
            assertThat(read(xml)).singleElement().extracting(QualysHost::dns).isEqualTo("host.example & co");
            dtdServer.setSoTimeout(200);
            assertThatThrownBy(dtdServer::accept).as("nothing connected for the DTD")
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void aTextLongerThanAMegabyteIsRefusedWhereItIs() throws Exception {
        assertThat(read(HOST.formatted("h".repeat(QualysXml.MAX_TEXT)))).singleElement()
                .extracting(h -> h.dns().length()).isEqualTo(QualysXml.MAX_TEXT);
        for (String huge : List.of("h".repeat(QualysXml.MAX_TEXT + 1),
                "<![CDATA[h]]>".repeat(QualysXml.MAX_TEXT / 2) + "h".repeat(QualysXml.MAX_TEXT / 2 + 1),
                "<![CDATA[" + "h".repeat(QualysXml.MAX_TEXT + 1) + "]]>")) {
            assertThatThrownBy(() -> read(HOST.formatted(huge))).isInstanceOf(XMLStreamException.class)
                    .hasMessageContaining(String.valueOf(QualysXml.MAX_TEXT));
        }
    }

    /** A body whose connection is cut after {@code cut} bytes, as the HTTP client reports it. */
    private static InputStream cutAfter(byte[] body, int cut) {
        return new FilterInputStream(new ByteArrayInputStream(body, 0, cut)) {
            @Override
            public int read() throws IOException {
                int c = super.read();
                if (c < 0) {
                    throw new IOException("Premature EOF");
                }
                return c;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw new IOException("Premature EOF");
                }
                return n;
            }
        };
    }

    @Test
    void aConnectionCutAnywhereIsAnIoFailureTheClientCanResumeFrom() {
        StringBuilder xml = new StringBuilder("<HOST_LIST_OUTPUT><RESPONSE><HOST_LIST>");
        for (int i = 1; i <= 200; i++) {
            xml.append("<HOST><ID>").append(i).append("</ID><IP>10.0.0.").append(i % 250)
                    .append("</IP><DNS><![CDATA[host-").append(i).append(".example]]></DNS><OS>Linux ").append(i)
                    .append("</OS><LAST_VULN_SCAN_DATETIME>2026-01-02T03:04:05Z</LAST_VULN_SCAN_DATETIME></HOST>");
        }
        byte[] body = xml.append("</HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>").toString()
                .getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < body.length; cut += 97) {
            int at = cut;
            assertThatThrownBy(() -> QualysXml.readHostPage(cutAfter(body, at), h -> { }))
                    .as("cut after %d bytes", at)
                    .satisfies(e -> assertThat(e instanceof IOException || e instanceof XMLStreamException)
                            .as("%s", e).isTrue())
                    .satisfies(e -> assertThat(ioCause(e)).as("the I/O failure is kept: %s", e).isNotNull());
        }
    }

    private static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
            if (t instanceof XMLStreamException x && x.getNestedException() instanceof IOException io) {
                return io;
            }
        }
        return null;
    }
}
