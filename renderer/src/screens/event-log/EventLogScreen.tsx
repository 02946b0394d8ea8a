export function EventLogScreen() {
  return (
    <section className="screen" aria-labelledby="event-log-title">
      <h1 id="event-log-title">Event log</h1>
      <div className="empty-state">
        <p>No events yet. Room state changes and the results of your actions will be listed here.</p>
      </div>
    </section>
  );
}
