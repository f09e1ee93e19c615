package dev.autoremediate.remediator.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class GeneratedAdminTest {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);

    @Test
    void the_first_start_generates_a_password_keeps_only_its_hash_and_later_starts_print_nothing(@TempDir Path data)
            throws Exception {
        GeneratedAdmin first = GeneratedAdmin.loadOrCreate(data, bcrypt);
        assertThat(first.newPassword()).isPresent();
        String password = first.newPassword().get();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(bcrypt.matches(password, first.passwordHash())).isTrue();
        String stored = Files.readString(data.resolve(GeneratedAdmin.FILE));
        assertThat(stored).doesNotContain(password).contains(first.passwordHash());

        GeneratedAdmin second = GeneratedAdmin.loadOrCreate(data, bcrypt);
        assertThat(second.newPassword()).isEmpty();
        assertThat(second.passwordHash()).isEqualTo(first.passwordHash());
    }

    @Test
    void deleting_the_file_gives_a_new_password(@TempDir Path data) throws Exception {
        String before = GeneratedAdmin.loadOrCreate(data, bcrypt).newPassword().orElseThrow();
        Files.delete(data.resolve(GeneratedAdmin.FILE));
        String after = GeneratedAdmin.loadOrCreate(data, bcrypt).newPassword().orElseThrow();
        assertThat(after).isNotEqualTo(before);
    }
}
