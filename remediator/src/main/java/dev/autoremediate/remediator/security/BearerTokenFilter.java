package dev.autoremediate.remediator.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates machine clients by {@code Authorization: Bearer <token>}: the token's SHA-256 is compared (in
 * constant time) with the configured hashes; the token's name becomes the principal ({@code token:<name>}) and its
 * role the authority. An unknown token is answered 401 at once; a request without a bearer token passes on.
 */
public final class BearerTokenFilter extends OncePerRequestFilter {

    /** A configured token: its name, the SHA-256 of the token (hex), its role. */
    public record TokenSpec(String name, String sha256, Role role) {

        public TokenSpec {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("autoremediate.security.tokens[].name must be set");
            }
            if (sha256 == null || !sha256.strip().matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("autoremediate.security.tokens[].sha256 of token '" + name
                        + "' must be 64 hex digits (printf %s \"$TOKEN\" | sha256sum)");
            }
            if (role == null) {
                throw new IllegalArgumentException("autoremediate.security.tokens[].role of token '" + name + "' must be set");
            }
            sha256 = sha256.strip().toLowerCase(Locale.ROOT);
        }
    }

    private final List<TokenSpec> tokens;

    public BearerTokenFilter(List<TokenSpec> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] presented = sha256(header.substring(7).strip()).getBytes(StandardCharsets.US_ASCII);
        TokenSpec match = null;
        for (TokenSpec t : tokens) {
            if (MessageDigest.isEqual(presented, t.sha256().getBytes(StandardCharsets.US_ASCII))) {
                match = t;
            }
        }
        if (match == null) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "unknown bearer token");
            return;
        }
        var auth = UsernamePasswordAuthenticationToken.authenticated("token:" + match.name(), null,
                match.role().impliedAuthorities().stream().map(SimpleGrantedAuthority::new).toList());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
