import { parserSuite } from './parser-suite';

parserSuite('edge');
