package dev.autoremediate.remediator.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The {@code admin} of a first start without configured users: a random password is generated, only its bcrypt hash
 * is written under the data directory, and the password is returned once, to be printed. Later starts read the hash
 * and print nothing. Delete the file to have a new password generated.
 *
 * @param passwordHash  the bcrypt hash
 * @param newPassword   the clear password, present only on the start that generated it
 */
public record GeneratedAdmin(Path file, String passwordHash, Optional<String> newPassword) {

    public static final String USERNAME = "admin";
    public static final String FILE = "security/admin-password.bcrypt";

    public static GeneratedAdmin loadOrCreate(Path dataDir, PasswordEncoder bcrypt) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String hash = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!hash.isEmpty()) {
                    return new GeneratedAdmin(file, hash, Optional.empty());
                }
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            String hash = bcrypt.encode(password);
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, hash + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system has no POSIX permissions; the hash alone does not reveal the password
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new GeneratedAdmin(file, hash, Optional.of(password));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the generated admin password hash " + file, e);
        }
    }
}
