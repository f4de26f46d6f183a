package io.assetmanager.inventory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;

/** {@code text/plain}: one IP address per line; blank lines and lines starting with '#' are ignored. */
public final class TextHostParser implements HostParser {

    @Override
    public void parse(InputStream in, HostSink sink, UploadProblems problems) throws IOException {
        BufferedReader reader = Utf8.strictReader(in);
        long line = 0;
        try {
            String text;
            while ((text = reader.readLine()) != null) {
                line++;
                if (line == 1) {
                    text = Utf8.withoutBom(text);
                }
                String s = text.strip();
                if (s.isEmpty() || s.charAt(0) == '#') {
                    continue;
                }
                try {
                    sink.host(line, HostFields.ip(s), null, null, null);
                } catch (HostFields.InvalidFieldException e) {
                    problems.add(line, e.getMessage());
                }
            }
        } catch (CharacterCodingException e) {
            problems.add(line + 1, "not UTF-8 text");
        }
    }
}
