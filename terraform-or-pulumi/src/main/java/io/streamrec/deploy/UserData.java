package io.streamrec.deploy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user data the images' boot scripts read: plain {@code KEY=VALUE} lines, never executed (see
 * packer/files/lib/boot.sh). It carries addresses, ids and the names of secrets, never a secret itself.
 */
final class UserData {

    private final Map<String, String> values = new LinkedHashMap<>();

    UserData put(String key, Object value) {
        String text = String.valueOf(value);
        if (!key.matches("[A-Z][A-Z0-9_]*") || text.contains("\n")) {
            throw new IllegalArgumentException("user data needs KEY=one-line value, got " + key + "=" + text);
        }
        values.put(key, text);
        return this;
    }

    String render() {
        var text = new StringBuilder();
        values.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }
}
