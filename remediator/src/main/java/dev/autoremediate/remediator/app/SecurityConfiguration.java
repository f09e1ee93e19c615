package dev.autoremediate.remediator.app;

import dev.autoremediate.remediator.security.BearerTokenFilter;
import dev.autoremediate.remediator.security.GeneratedAdmin;
import dev.autoremediate.remediator.security.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Security of the review UI and API (docs/review-ui.md). Two filter chains:
 * <ul>
 *   <li>machines — {@code /api/**}, {@code /actuator/**}, {@code /v3/api-docs/**}: stateless, HTTP Basic or a bearer
 *       token, 401 for an anonymous call (no redirect), no CSRF (no cookie authenticates these);</li>
 *   <li>people — everything else: form login at {@code /login} (a browser is redirected there), session cookie,
 *       CSRF protection on every form.</li>
 * </ul>
 * Open without authentication: {@code /actuator/health}, {@code /v3/api-docs}, the login page and static files.
 * Roles: VIEWER reads, ONCALL approves, rejects and changes modes, ADMIN sees the security set-up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSecurity
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    PasswordEncoder passwordEncoder() {
        var encoder = (DelegatingPasswordEncoder) PasswordEncoderFactories.createDelegatingPasswordEncoder();
        // configured hashes may come without the {bcrypt} prefix, as htpasswd -B or any bcrypt tool prints them
        encoder.setDefaultPasswordEncoderForMatches(new BCryptPasswordEncoder());
        return encoder;
    }

    @Bean
    UserDetailsService userDetailsService(AutoremediateProperties props) {
        var users = new ArrayList<UserDetails>();
        var names = new HashSet<String>();
        for (var u : props.security().users()) {
            if (u.username() == null || u.username().isBlank() || u.passwordHash() == null || u.passwordHash().isBlank()
                    || u.role() == null) {
                throw new IllegalArgumentException("every autoremediate.security.users[] needs username, password-hash "
                        + "(bcrypt) and role (VIEWER, ONCALL or ADMIN)");
            }
            if (!names.add(u.username())) {
                throw new IllegalArgumentException("autoremediate.security.users[] names '" + u.username() + "' twice");
            }
            users.add(user(u.username(), u.passwordHash().strip(), u.role()));
        }
        if (users.isEmpty()) {
            var admin = GeneratedAdmin.loadOrCreate(props.dataDir(), new BCryptPasswordEncoder());
            admin.newPassword().ifPresentOrElse(password -> {
                String banner = "\n\n    Review UI: no users are configured, so user '" + GeneratedAdmin.USERNAME
                        + "' (role ADMIN) was created with password\n\n        " + password
                        + "\n\n    It is printed this once; only its bcrypt hash is kept, in " + admin.file().toAbsolutePath()
                        + "\n    (delete that file for a new one). Configure autoremediate.security.users for real use.\n";
                log.warn(banner);
            }, () -> log.info("Review UI: user '{}' with the generated password whose hash is in {}",
                    GeneratedAdmin.USERNAME, admin.file().toAbsolutePath()));
            users.add(user(GeneratedAdmin.USERNAME, admin.passwordHash(), Role.ADMIN));
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails user(String name, String hash, Role role) {
        String stored = hash.startsWith("{") ? hash : "{bcrypt}" + hash;
        return User.withUsername(name).password(stored).authorities(role.impliedAuthorities().toArray(String[]::new))
                .build();
    }

    BearerTokenFilter bearerTokenFilter(AutoremediateProperties props) {
        List<BearerTokenFilter.TokenSpec> specs = props.security().tokens().stream()
                .map(t -> new BearerTokenFilter.TokenSpec(t.name(), t.sha256(), t.role())).toList();
        return new BearerTokenFilter(specs);
    }

    @Bean
    @Order(1)
    SecurityFilterChain machineChain(HttpSecurity http, AutoremediateProperties props) throws Exception {
        boolean prometheusOpen = props.security().prometheusOpen();
        http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**")
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**")
                            .permitAll();
                    if (prometheusOpen) {
                        auth.requestMatchers("/actuator/prometheus").permitAll();
                    }
                    auth.requestMatchers("/actuator/prometheus", "/actuator/info").hasRole(Role.VIEWER.name())
                            .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                            .requestMatchers("/api/v1/security/**").hasRole(Role.ADMIN.name())
                            .requestMatchers(HttpMethod.GET, "/api/**").hasRole(Role.VIEWER.name())
                            .requestMatchers(HttpMethod.HEAD, "/api/**").hasRole(Role.VIEWER.name())
                            .requestMatchers("/api/v1/decisions/*/approve", "/api/v1/decisions/*/reject",
                                    "/api/v1/modes/**").hasRole(Role.ONCALL.name())
                            // writes of other features (e.g. clearing a config override) need ONCALL too
                            .requestMatchers("/api/**").hasRole(Role.ONCALL.name())
                            .anyRequest().denyAll();
                })
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .addFilterBefore(bearerTokenFilter(props), BasicAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain browserChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/decisions/*/approve", "/decisions/*/reject", "/modes/**")
                        .hasRole(Role.ONCALL.name())
                        .requestMatchers(HttpMethod.GET, "/**").hasRole(Role.VIEWER.name())
                        .anyRequest().hasRole(Role.ONCALL.name()))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll());
        return http.build();
    }
}
