// The board's keys, listed where they are used.
export const boardKeys: [string, string][] = [
  ['↑ ↓ or k j', 'Previous / next room'],
  ['← →', 'Previous / next tile'],
  ['Home End, Page Up Page Down', 'First / last room, a page up or down'],
  ['Enter', 'Open the room'],
  ['m', 'Mute or unmute the selected room'],
  ['p', 'Pin or unpin the selected room'],
  ['/', 'Search'],
  ['Escape', 'Close the room panel, leave the search'],
  ['?', 'Show or hide these keys'],
  ['Ctrl+1…4', 'Rooms, Connections, Event log, Settings'],
];

export function KeyboardHelp({ open, onToggle }: { open: boolean; onToggle(open: boolean): void }) {
  return (
    <details className="keyboard-help" open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary>Keyboard shortcuts</summary>
      <dl>
        {boardKeys.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
