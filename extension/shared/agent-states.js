// What each agent connection state means to the user, and what to do about it. Used by the overlay,
// the popup and the options page, so the wording is the same everywhere.

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
      return { title: "Connected to your Fathom agent", help: "", command: "", actions: [] };
    case "agent_down":
      return {
        title: "The Fathom agent is not running",
        help: `Nothing answered on 127.0.0.1:${port}. Start it in a terminal (or scripts/run from a checkout); Fathom reconnects by itself.`,
        command: serveCommand(port),
        actions: ["retry", "options"],
      };
    case "not_fathom":
      return {
        title: `Something other than Fathom answers on port ${port}`,
        help: `A program that is not the Fathom agent is listening on 127.0.0.1:${port}. Find it with \`ss -ltnp 'sport = :${port}'\` (Linux) or \`lsof -i :${port}\` (macOS) and stop it, or start Fathom on a free port (\`fathom serve --port N\`) and enter that port in Fathom's options.`,
        command: `lsof -i :${port}`,
        actions: ["retry", "options"],
      };
    case "not_paired":
      return {
        title: "This browser is not paired with Fathom",
        help: detail || "Run `fathom pair`, then enter the code in Fathom's options (Agent port and Pairing code).",
        command: "fathom pair",
        actions: ["options"],
      };
    case "incompatible":
      return {
        title: "The agent and the extension do not match",
        help: `${detail} Update Fathom so both come from the same release.`.trim(),
        command: "",
        actions: ["retry"],
      };
    case "not_verified":
      return {
        title: "Agent not verified",
        help:
          detail ||
          `The program on port ${port} could not prove it is your Fathom agent. Nothing was sent to it. Stop it and start ${serveCommand(port)}, or change the port in options.`,
        command: "",
        actions: ["retry", "options"],
      };
    default:
      return { title: "Connecting to the Fathom agent…", help: "", command: "", actions: [] };
  }
}
