package io.assetmanager.inventory;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Uploads are UTF-8; bytes that are not are an error (a MalformedInputException), never silently replaced. */
final class Utf8 {

    private Utf8() {
    }

    static BufferedReader strictReader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
    }

    static String withoutBom(String firstLine) {
        return firstLine != null && firstLine.startsWith("\uFEFF") ? firstLine.substring(1) : firstLine;
    }
}
