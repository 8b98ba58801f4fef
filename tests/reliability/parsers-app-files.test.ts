import { parserSuite } from './parser-suite';

parserSuite('app-files');
