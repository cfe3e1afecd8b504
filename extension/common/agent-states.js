// What each agent connection state means to the user, and what to do about it. Used by the overlay,
// the popup and the options page, so the wording is the same everywhere.
import "./i18n.js";

const { t } = globalThis.FathomI18n;

const DEFAULT_PORT = 47821;

function serveCommand(port) {
  return port && port !== DEFAULT_PORT ? `fathom serve --port ${port}` : "fathom serve";
}

/**
 * Returns {title, help, command, actions} for a status {state, port, detail}; actions are among "retry"
 * (connect again now) and "options" (open the options page: port and pairing).
 */
export function describeAgentState(status) {
  const port = status?.port ?? DEFAULT_PORT;
  const detail = status?.detail || "";
  switch (status?.state) {
    case "connected":
      return { title: t("stateConnectedTitle"), help: "", command: "", actions: [] };
    case "agent_down":
      return {
        title: t("stateAgentDownTitle"),
        help: t("stateAgentDownHelp", port),
        command: serveCommand(port),
        actions: ["retry", "options"],
      };
    case "not_fathom":
      return {
        title: t("stateNotFathomTitle", port),
        help: t("stateNotFathomHelp", port),
        command: `lsof -i :${port}`,
        actions: ["retry", "options"],
      };
    case "not_paired":
      return {
        title: t("stateNotPairedTitle"),
        help: detail || t("stateNotPairedHelp"),
        command: "fathom pair",
        actions: ["options"],
      };
    case "incompatible":
      return {
        title: t("stateIncompatibleTitle"),
        help: `${detail} ${t("stateIncompatibleHelp")}`.trim(),
        command: "",
        actions: ["retry"],
      };
    case "not_verified":
      return {
        title: t("stateNotVerifiedTitle"),
        help: detail || t("stateNotVerifiedHelp", port, serveCommand(port)),
        command: "",
        actions: ["retry", "options"],
      };
    default:
      return { title: t("stateConnectingTitle"), help: "", command: "", actions: [] };
  }
}
