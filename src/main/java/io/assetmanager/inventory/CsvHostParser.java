package io.assetmanager.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import java.util.Locale;

/**
 * {@code text/csv}: a header row naming the columns (any order, any case): {@code ip} (required), {@code hostname},
 * {@code mac}, {@code zone}; then one host per row. Blank rows are ignored; an unknown column rejects the file.
 */
public final class CsvHostParser implements HostParser {

    @Override
    public void parse(InputStream in, HostSink sink, UploadProblems problems) throws IOException {
        CsvRecordReader reader = new CsvRecordReader(Utf8.strictReader(in));
        try {
            int[] columnOf = null;
            int width = 0;
            List<String> record;
            while ((record = reader.next()) != null) {
                if (isBlank(record)) {
                    continue;
                }
                long line = reader.recordLine();
                if (columnOf == null) {
                    record.set(0, Utf8.withoutBom(record.get(0)));
                    columnOf = header(record, line, problems);
                    if (columnOf == null) {
                        return;
                    }
                    width = record.size();
                    continue;
                }
                if (record.size() != width) {
                    problems.add(line, "expected " + width + " fields as in the header, found " + record.size());
                    continue;
                }
                row(record, columnOf, line, sink, problems);
            }
            if (columnOf == null) {
                problems.add(0, "the CSV has no header row (expected columns " + String.join(", ", HostFields.NAMES) + ")");
            }
        } catch (CsvRecordReader.CsvSyntaxException e) {
            problems.add(e.line, e.getMessage());
        } catch (CharacterCodingException e) {
            problems.add(reader.recordLine(), "not UTF-8 text (at or after this line)");
        }
    }

    /** @return for each known column, the index of its field or -1; {@code null} if the header is not usable */
    private static int[] header(List<String> names, long line, UploadProblems problems) {
        int[] columnOf = {-1, -1, -1, -1};
        boolean ok = true;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip().toLowerCase(Locale.ROOT);
            int known = HostFields.NAMES.indexOf(name);
            if (known < 0) {
                problems.add(line, "unknown column '" + HostFields.printable(names.get(i)) + "' (known columns: "
                        + String.join(", ", HostFields.NAMES) + ")");
                ok = false;
            } else if (columnOf[known] >= 0) {
                problems.add(line, "the column '" + name + "' appears twice");
                ok = false;
            } else {
                columnOf[known] = i;
            }
        }
        if (ok && columnOf[0] < 0) {
            problems.add(line, "the header has no 'ip' column");
            ok = false;
        }
        return ok ? columnOf : null;
    }

    private static void row(List<String> fields, int[] columnOf, long line, HostSink sink, UploadProblems problems) {
        String[] values = new String[columnOf.length];
        for (int column = 0; column < columnOf.length; column++) {
            values[column] = columnOf[column] < 0 ? null : fields.get(columnOf[column]);
        }
        HostFields.deliver(line, values, sink, problems);
    }

    private static boolean isBlank(List<String> record) {
        return record.size() == 1 && record.get(0).isBlank();
    }
}
