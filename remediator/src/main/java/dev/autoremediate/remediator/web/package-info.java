/**
 * The review UI for people: server-rendered Thymeleaf pages (templates under {@code templates/}, plain CSS under
 * {@code static/css}) — the queue of pending approvals, decisions and the page that explains one, the dashboard with
 * server-rendered SVG charts, the rule table, unclassified failures, modes and the audit trail. Forms carry a CSRF
 * token; approve, reject and mode changes need role ONCALL.
 */
package dev.autoremediate.remediator.web;
