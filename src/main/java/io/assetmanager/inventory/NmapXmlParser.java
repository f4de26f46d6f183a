package io.assetmanager.inventory;

import java.io.InputStream;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * {@code application/xml}: the output of {@code nmap -oX}. Every {@code <host>} whose {@code <status state="up">}
 * becomes an indexed host with its IPv4 or IPv6 address, its MAC address (nmap reports one on a local link) and its
 * name (the first PTR name, else the first name listed). Hosts in any other state are skipped.
 *
 * <p>Read with StAX, DTDs and external entities off (no XXE, no entity expansion). nmap writes a bare
 * {@code <!DOCTYPE nmaprun>}; a DOCTYPE with an internal subset or an external DTD is refused.
 */
public final class NmapXmlParser implements HostParser {

    private static final XMLInputFactory FACTORY = newFactory();

    private static XMLInputFactory newFactory() {
        // The JDK's own implementation, so that the settings below mean the same on every server.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    @Override
    public void parse(InputStream in, HostSink sink, UploadProblems problems) {
        XMLStreamReader xml = null;
        try {
            xml = FACTORY.createXMLStreamReader(in);
            boolean rootSeen = false;
            Host host = null;
            while (xml.hasNext()) {
                int event = xml.next();
                long line = xml.getLocation().getLineNumber();
                switch (event) {
                    case XMLStreamConstants.DTD -> {
                        String doctype = xml.getText();
                        if (doctype.contains("[") || doctype.contains("SYSTEM") || doctype.contains("PUBLIC")) {
                            problems.add(line, "a DOCTYPE with declarations or an external DTD is refused"
                                    + " (nmap writes a bare <!DOCTYPE nmaprun>)");
                            return;
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> {
                        problems.add(line, "the entity reference &" + xml.getLocalName() + "; is refused");
                        return;
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        String name = xml.getLocalName();
                        if (!rootSeen) {
                            rootSeen = true;
                            if (!"nmaprun".equals(name)) {
                                problems.add(line, "not nmap XML output: the root element is <" + name
                                        + ">, expected <nmaprun> (nmap -oX)");
                                return;
                            }
                        } else if ("host".equals(name)) {
                            host = new Host(line);
                        } else if (host != null) {
                            host.element(name, xml);
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (host != null && "host".equals(xml.getLocalName())) {
                            host.deliver(sink, problems);
                            host = null;
                        }
                    }
                    default -> {
                        // Text, comments, processing instructions: nothing nmap puts there matters here.
                    }
                }
            }
            if (!rootSeen) {
                problems.add(0, "the body has no XML element");
            }
        } catch (XMLStreamException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            problems.add(Math.max(line, 0), "broken XML: " + cleanMessage(e));
        } finally {
            close(xml);
        }
    }

    /** What one {@code <host>} element says, collected until its end tag. */
    private static final class Host {
        final long line;
        String state;
        String address;
        String mac;
        String firstName;
        String ptrName;

        Host(long line) {
            this.line = line;
        }

        void element(String name, XMLStreamReader xml) {
            switch (name) {
                case "status" -> state = xml.getAttributeValue(null, "state");
                case "address" -> {
                    String type = String.valueOf(xml.getAttributeValue(null, "addrtype")).toLowerCase(Locale.ROOT);
                    String value = xml.getAttributeValue(null, "addr");
                    if ("mac".equals(type)) {
                        mac = value;
                    } else if (("ipv4".equals(type) || "ipv6".equals(type)) && address == null) {
                        address = value;
                    }
                }
                case "hostname" -> {
                    String value = xml.getAttributeValue(null, "name");
                    if (firstName == null) {
                        firstName = value;
                    }
                    if (ptrName == null && "PTR".equals(xml.getAttributeValue(null, "type"))) {
                        ptrName = value;
                    }
                }
                default -> {
                    // Ports, OS guesses, scripts, times: not part of an indexed host.
                }
            }
        }

        void deliver(HostSink sink, UploadProblems problems) {
            if (!"up".equals(state)) {
                return;
            }
            String[] values = {address, ptrName != null ? ptrName : firstName, mac, null};
            HostFields.deliver(line, values, sink, problems);
        }
    }

    private static String cleanMessage(XMLStreamException e) {
        String message = e.getMessage();
        // The JDK prefixes "ParseError at [row,col]:[r,c]\nMessage: "; the line is reported separately.
        int at = message.indexOf("Message: ");
        return at >= 0 ? message.substring(at + 9) : message;
    }

    private static void close(XMLStreamReader xml) {
        if (xml != null) {
            try {
                xml.close();
            } catch (XMLStreamException e) {
                // Closing a reader that already failed has nothing left to report.
            }
        }
    }
}
