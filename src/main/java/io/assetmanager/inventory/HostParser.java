package io.assetmanager.inventory;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one upload format as a stream: valid hosts go to the sink, every problem (with its line) to the problem
 * list. A parser never stops at the first bad line unless the rest cannot be read (broken syntax).
 */
public interface HostParser {

    void parse(InputStream in, HostSink sink, UploadProblems problems) throws IOException;
}
