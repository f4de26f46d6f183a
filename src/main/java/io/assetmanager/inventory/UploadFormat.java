package io.assetmanager.inventory;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** The upload formats, by the media type of a REST body or the extension of a file uploaded on the page. */
public enum UploadFormat {
    TEXT("text/plain", ".txt", TextHostParser::new),
    CSV("text/csv", ".csv", CsvHostParser::new),
    JSON("application/json", ".json", JsonHostParser::new),
    NMAP_XML("application/xml", ".xml", NmapXmlParser::new);

    public static final String ACCEPTED = "text/plain, text/csv, application/json or application/xml (nmap -oX)";

    private final String mediaType;
    private final String extension;
    private final Supplier<HostParser> parser;

    UploadFormat(String mediaType, String extension, Supplier<HostParser> parser) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.parser = parser;
    }

    public String mediaType() {
        return mediaType;
    }

    public HostParser parser() {
        return parser.get();
    }

    /** By a Content-Type header; parameters ({@code ; charset=utf-8}) are ignored, {@code text/xml} is XML too. */
    public static Optional<UploadFormat> ofContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if ("text/xml".equals(type)) {
            return Optional.of(NMAP_XML);
        }
        for (UploadFormat format : values()) {
            if (format.mediaType.equals(type)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** By a file name's extension (case-insensitive). */
    public static Optional<UploadFormat> ofFileName(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        String name = fileName.toLowerCase(Locale.ROOT);
        for (UploadFormat format : values()) {
            if (name.endsWith(format.extension)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
