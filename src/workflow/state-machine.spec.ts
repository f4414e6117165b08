import { EVENTS_ROUTE, StateMachine } from './state-machine';

describe('StateMachine', () => {
  const machine = new StateMachine<'a' | 'b' | 'c' | 'island', 'go' | 'back' | 'admin', object>(
    'test',
    ['a', 'b', 'c', 'island'],
    'a',
    [
      { event: 'go', from: ['a'], to: 'b', actors: ['owner'], route: EVENTS_ROUTE },
      { event: 'go', from: ['b'], to: 'c', actors: ['owner'], route: EVENTS_ROUTE },
      { event: 'back', from: ['b', 'c'], to: 'a', actors: ['office'], route: 'POST /api/tests/:id/back' },
    ],
  );

  it('finds unreachable states and reports them at the startup check', () => {
    expect(machine.unreachableStates()).toEqual(['island']);
    expect(() => machine.assertValid()).toThrow(/unreachable states: island/);
  });

  it('lists the events allowed from a state, optionally for some actors only', () => {
    expect(machine.allowedEvents('b')).toEqual(['go', 'back']);
    expect(machine.allowedEvents('b', ['owner'])).toEqual(['go']);
    expect(machine.allowedEvents('island')).toEqual([]);
  });

  it('refuses a table with two transitions for one (state, event)', () => {
    const ambiguous = new StateMachine<'a' | 'b', 'go', object>('x', ['a', 'b'], 'a', [
      { event: 'go', from: ['a'], to: 'b', actors: ['owner'], route: EVENTS_ROUTE },
      { event: 'go', from: ['a'], to: 'a', actors: ['owner'], route: EVENTS_ROUTE },
    ]);
    expect(() => ambiguous.assertValid()).toThrow(/defined twice/);
  });

  it('renders a Mermaid diagram with every transition', () => {
    const diagram = machine.toMermaid();
    expect(diagram).toContain('[*] --> a');
    expect(diagram).toContain('b --> a: back (office)');
    expect(diagram.split('\n')).toHaveLength(2 + 4);
  });

  it('lets the events route fire only its own events and names the route of the others', () => {
    expect(machine.eventsOnEventsRoute()).toEqual(['go']);
    expect(machine.eventsRouteRefusal('go')).toBeNull();
    expect(machine.eventsRouteRefusal('back')).toMatch(
      /"back" is not fired through the events route; use POST \/api\/tests\/:id\/back/,
    );
    expect(machine.eventsRouteRefusal('nope')).toMatch(/Unknown event "nope"\. This route fires go\./);
  });

  it('refuses a table where a user event has no route, a system event has one, or routes disagree', () => {
    const broken = new StateMachine<'a' | 'b', 'go' | 'tick' | 'both', object>('y', ['a', 'b'], 'a', [
      { event: 'go', from: ['a'], to: 'b', actors: ['owner'] },
      { event: 'tick', from: ['b'], to: 'a', actors: ['system'], route: EVENTS_ROUTE },
      { event: 'both', from: ['a'], to: 'b', actors: ['office'], route: EVENTS_ROUTE },
      { event: 'both', from: ['b'], to: 'a', actors: ['office'], route: 'POST /api/ys/:id/both' },
    ]);
    expect(() => broken.assertValid()).toThrow(/"go" has users among its actors but no route/);
    expect(() => broken.assertValid()).toThrow(/"tick" is fired by the system only but has a route/);
    expect(() => broken.assertValid()).toThrow(/"both" names two routes/);
  });
});
