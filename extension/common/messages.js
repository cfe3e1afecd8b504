// The one table of runtime messages. The prefix says who sends it: CS_ content script, BG_ background
// worker, UI_ an extension page (overlay, popup, options). A classic script so content scripts (which
// cannot import modules) and ES modules (which import it for its side effect) share the same table.
globalThis.FathomMessages = Object.freeze({
  // content script -> background
  CS_PROFILE_OPEN: "CS_PROFILE_OPEN", // {url, network, handle, theme, coversActions}: the URL shows a profile
  // (its page may still load); theme: null before <body> is parsed; coversActions: the expanded overlay would
  // hide the profile's own buttons
  CS_PROFILE: "CS_PROFILE", // {url, html, network, handle, theme, partial, coversActions}: its header is on screen
  // (partial: the page is parsed, its header not there yet; html has the head only)
  CS_THEME: "CS_THEME", // {theme}: the page's <body> is there, and with it the page's colours
  CS_PROFILE_GONE: "CS_PROFILE_GONE", // the tab left the profile (SPA navigation)
  CS_INTENT: "CS_INTENT", // {intent, hold}: the user clicked Connect / Message / Follow
  // background -> content script (tabs.sendMessage, top frame only)
  BG_FRAME_SIZE: "BG_FRAME_SIZE", // {height, collapsed}
  BG_SEND_CONTEXT: "BG_SEND_CONTEXT", // the worker restarted: report the current profile again
  BG_INTENT_DECISION: "BG_INTENT_DECISION", // {decision: "continue" | "cancel"}
  // background -> extension pages (runtime.sendMessage broadcast)
  BG_AGENT_STATUS: "BG_AGENT_STATUS", // {agent}
  BG_IMPORT_PROGRESS: "BG_IMPORT_PROGRESS", // {event, data}: an import.* push, for the options page
  // background -> overlay (runtime port)
  BG_RENDER: "BG_RENDER", // {agent, view, error, theme, network, handle, coversActions, check}
  // overlay -> background (runtime port)
  UI_LOG: "UI_LOG", // {kind, note?, ask?, follow_up?}
  UI_UNDO: "UI_UNDO", // {interaction_id}
  UI_UPDATE_PERSON: "UI_UPDATE_PERSON", // {tags?, how_met?}: the user's overrides for the person on this tab
  UI_LINK_PERSON: "UI_LINK_PERSON", // {person_id}: one of the view's merge suggestions is this tab's person
  UI_RESIZE: "UI_RESIZE", // {height, collapsed}
  UI_INTENT_DECISION: "UI_INTENT_DECISION", // {decision}
  UI_CHECK_DISMISS: "UI_CHECK_DISMISS",
  UI_RETRY: "UI_RETRY",
  UI_OPEN_OPTIONS: "UI_OPEN_OPTIONS", // the worker opens them: a framed page may not (Firefox)
  // popup / options -> background (runtime.sendMessage)
  UI_GET_STATE: "UI_GET_STATE",
  UI_PAIR: "UI_PAIR", // {port, code}
  UI_RECENT: "UI_RECENT", // {limit}
  UI_SETTINGS_CHANGED: "UI_SETTINGS_CHANGED",
  UI_REVIEW: "UI_REVIEW", // {limit}: the review list in the popup
  UI_REVIEW_ACT: "UI_REVIEW_ACT", // {person_id, key, action: done | snooze | dismiss}
  UI_IMPORT: "UI_IMPORT", // {upload_id, network}: options only; the file waits in the upload store
  // the port name an overlay frame connects with
  PORT_OVERLAY: "fathom-overlay",
});
