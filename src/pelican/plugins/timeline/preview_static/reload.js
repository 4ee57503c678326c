// The live preview's reloader: served by `pelican-timeline preview` (never written into a
// site), and loaded only by pages of a preview build. The server sends the number of its
// latest build as a server-sent event when the page connects and after each rebuild; a
// number other than the first one seen means the site changed, so the page reloads.
(function () {
  "use strict";
  if (!window.EventSource) {
    return;
  }
  var seen = null;
  var source = new EventSource("/.timeline-preview/events");
  source.onmessage = function (event) {
    if (seen === null) {
      seen = event.data;
    } else if (event.data !== seen) {
      source.close();
      window.location.reload();
    }
  };
})();
