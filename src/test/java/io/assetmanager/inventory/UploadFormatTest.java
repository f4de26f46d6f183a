package io.assetmanager.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UploadFormatTest {

    @Test
    void contentTypesChooseTheFormatIgnoringParametersAndCase() {
        assertThat(UploadFormat.ofContentType("text/plain")).contains(UploadFormat.TEXT);
        assertThat(UploadFormat.ofContentType("Text/CSV; charset=UTF-8")).contains(UploadFormat.CSV);
        assertThat(UploadFormat.ofContentType("application/json")).contains(UploadFormat.JSON);
        assertThat(UploadFormat.ofContentType("application/xml")).contains(UploadFormat.NMAP_XML);
        assertThat(UploadFormat.ofContentType("text/xml")).contains(UploadFormat.NMAP_XML);
        assertThat(UploadFormat.ofContentType("application/octet-stream")).isEmpty();
        assertThat(UploadFormat.ofContentType(null)).isEmpty();
    }

    @Test
    void fileNamesChooseTheFormatByExtension() {
        assertThat(UploadFormat.ofFileName("scan-2026.XML")).contains(UploadFormat.NMAP_XML);
        assertThat(UploadFormat.ofFileName("hosts.csv")).contains(UploadFormat.CSV);
        assertThat(UploadFormat.ofFileName("ips.txt")).contains(UploadFormat.TEXT);
        assertThat(UploadFormat.ofFileName("hosts.json")).contains(UploadFormat.JSON);
        assertThat(UploadFormat.ofFileName("hosts.xlsx")).isEmpty();
    }

    @Test
    void modesAreMergeByDefault() {
        assertThat(IngestMode.of(null)).contains(IngestMode.MERGE);
        assertThat(IngestMode.of("Replace")).contains(IngestMode.REPLACE);
        assertThat(IngestMode.of("everything")).isEmpty();
    }
}
