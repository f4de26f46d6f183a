package io.assetmanager.inventory;

import io.assetmanager.net.IpAddress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What a parser made of an input: the hosts as "line ip hostname mac zone" and the problems as text. */
record ParsedUpload(List<String> hosts, UploadProblems problems) {

    static ParsedUpload parse(HostParser parser, String text) {
        return parse(parser, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static ParsedUpload parse(HostParser parser, InputStream in) {
        List<String> hosts = new ArrayList<>();
        UploadProblems problems = new UploadProblems();
        HostSink sink = (long line, IpAddress ip, String hostname, String mac, String zone) ->
                hosts.add(line + " " + ip + " " + hostname + " " + mac + " " + zone);
        try {
            parser.parse(in, sink, problems);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new ParsedUpload(hosts, problems);
    }

    List<String> problemTexts() {
        return problems.listed().stream().map(UploadProblems.Problem::toString).toList();
    }
}
