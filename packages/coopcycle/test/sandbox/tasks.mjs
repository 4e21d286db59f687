// Tasks: one task, its events, the tasks of a day (tasks:all) and the couriers' task lists.
import { collection } from './http.mjs';

export function taskRoutes(state, { needScope }) {
	const { tasks, events, time, taskJson, ownTask } = state;

	/** Its routes: the answer, or undefined for a route of another group. */
	function route(request, auth, { resource, first, second, number }) {
		const { method, path, query } = request;
		if (resource === 'tasks' && method === 'GET') {
			if (!first) {
				needScope(auth, 'tasks:all');
				const day = query.get('date');
				const list = [...tasks.values()]
					.filter((task) => !day || time.format(task.before).slice(0, 10) === day)
					.map(taskJson);
				return [
					200,
					query.get('pagination') === 'true'
						? collection(request, path, list)
						: {
								'@context': '/api/contexts/Task',
								'@id': path,
								'@type': 'hydra:Collection',
								'hydra:member': list,
								'hydra:totalItems': list.length,
							},
				];
			}
			needScope(auth, 'tasks');
			const task = ownTask(auth, number(first));
			if (!second) return [200, { '@context': '/api/contexts/Task', ...taskJson(task) }];
			if (second === 'events') {
				// coopcycle-web src/Entity/Task.php: an item operation whose controller (src/Action/Task/Events.php)
				// returns all the events: one collection, not paged (features/tasks.feature shows no hydra:view).
				const list = events.filter((event) => event.task === task.id).map(({ task: _task, ...event }) => event);
				return [
					200,
					{
						'@context': '/api/contexts/Task',
						'@id': path,
						'@type': 'hydra:Collection',
						'hydra:member': list,
						'hydra:totalItems': list.length,
					},
				];
			}
		}

		if (resource === 'task_lists' && method === 'GET' && !first) {
			needScope(auth, 'tasks');
			return [200, collection(request, path, [])];
		}
	}

	return { route };
}
